// The phone's partners (#16): Dexie version 3 adds the table without touching a version-2
// database's rows; search ignores accents and case; partners created here stay until delivered.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { addAction } from '../../src/db/actions';
import { DB_NAME, openDatabase } from '../../src/db/database';
import { addLocalPartner, localPartners, partnerHistory, partnersOf, replaceServerPartners, searchPartners } from '../../src/db/partners';
import { createReport } from '../../src/db/reports';
import { freshDb } from '../helpers/fresh-db';

const FIELDS = { kind: 'pessoa_juridica', governmental: false, sector: 'cultura', campaigns: false };
const server = (id: string, name: string, status: 'active' | 'pending' = 'active') => ({ id, name, municipalityCode: '3106200', status, ...FIELDS });

describe('partners on the phone', () => {
  it('opens a version-2 database with version 3: every row kept, partners empty', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
    old.version(1).stores({
      reports: 'id, &[ownerId+period], ownerId, status', actions: 'id, reportId, [reportId+number]',
      photos: 'id, actionId, reportId, [actionId+number], sha256', outbox: 'reportId, ownerId, nextAttemptAt', settings: 'key', journal: 'key',
    });
    old.version(2).stores({});
    await old.open();
    await old.table('actions').add({ id: 'a1', reportId: 'r1', number: 1, partners: [{ name: 'Rádio FM', sector: 'imprensa_midia' }] });
    old.close();
    const db = openDatabase({ indexedDB, IDBKeyRange });
    expect(db.verno).toBeGreaterThanOrEqual(3); // later versions only add their own tables
    expect(await db.actions.get('a1')).toMatchObject({ partners: [{ name: 'Rádio FM', sector: 'imprensa_midia' }] });
    expect(await partnersOf(db, 'u1')).toEqual([]);
    db.close();
  });

  it('searches every typed word without accents or case, only in the account\'s own partners', async () => {
    const db = freshDb();
    await replaceServerPartners(db, 'u1', [server('p1', 'Escola Estadual São José'), server('p2', 'Associação dos Moradores'), server('p3', 'Escola Municipal Olhos d\'Água')]);
    await replaceServerPartners(db, 'u2', [server('p9', 'Escola Estadual São José do Norte')]);
    expect((await searchPartners(db, 'u1', 'sao jose')).map((p) => p.id)).toEqual(['p1']);
    expect((await searchPartners(db, 'u1', 'ESCOLA')).map((p) => p.id)).toEqual(['p1', 'p3']);
    expect((await searchPartners(db, 'u1', 'olhos dagua')).map((p) => p.id)).toEqual(['p3']);
    expect((await searchPartners(db, 'u1', 'associacao moradores')).map((p) => p.id)).toEqual(['p2']);
    expect(await searchPartners(db, 'u1', '   ')).toEqual([]);
  });

  it('keeps partners created here across a download until they are delivered, and finds the actions that name a partner', async () => {
    const db = freshDb();
    const mine = await addLocalPartner(db, 'u1', '3106200', { name: 'Grupo de Teatro', ...FIELDS });
    expect(await addLocalPartner(db, 'u1', '3106200', { name: ' grupo  de TEATRO ', ...FIELDS })).toEqual(mine);
    await replaceServerPartners(db, 'u1', [server('p1', 'Escola Estadual')]);
    expect((await partnersOf(db, 'u1')).map((p) => p.id).sort()).toEqual([mine.id, 'p1'].sort());
    expect((await localPartners(db, [mine.id, 'p1'])).map((p) => p.id)).toEqual([mine.id]);
    await db.partners.update(mine.id, { local: false }); // what delivering the report does
    await replaceServerPartners(db, 'u1', [server('p1', 'Escola Estadual')]);
    expect((await partnersOf(db, 'u1')).map((p) => p.id)).toEqual(['p1']);

    const report = await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-11', responsible: { name: 'Ana' } });
    await addAction(db, report.id, { date: '2026-11-03', title: 'Oficina', partners: [{ name: 'Escola Estadual', sector: 'educacao', partnerId: 'p1' }] });
    await addAction(db, report.id, { date: '2026-11-09', title: 'Palestra', partners: [{ name: 'ESCOLA estadual', sector: 'educacao' }] });
    await addAction(db, report.id, { date: '2026-11-10', title: 'Outra', partners: [{ name: 'Outra escola', sector: 'educacao' }] });
    const history = await partnerHistory(db, 'u1', { id: 'p1', nameKey: 'escola estadual' });
    expect(history.map((h) => h.title)).toEqual(['Palestra', 'Oficina']);
  });
});
