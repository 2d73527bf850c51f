// A phone running the previous version (database version 1, Portuguese sentences in lastError and
// statusMessage) opens the new version: every row survives, sentences become codes, texts read the same.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openDatabase, type MobilizaDb } from '../../src/db/database';
import { noteFromLegacy } from '../../src/db/legacy-notes';
import { noteText } from '../../src/ui/messages';

// Version 1 exactly as main declared it.
const V1_STORES = {
  reports: 'id, &[ownerId+period], ownerId, status',
  actions: 'id, reportId, [reportId+number]',
  photos: 'id, actionId, reportId, [actionId+number], sha256',
  outbox: 'reportId, ownerId, nextAttemptAt',
  settings: 'key',
  journal: 'key',
};

const OFFLINE = 'Sem conexão com a regional. O envio continua quando a internet voltar.';
const SERVER_503 = 'O servidor da regional falhou (erro 503). Nova tentativa automática.';
const RETURNED = 'Devolvido pela regional (Rita, 22/11/2026, 07:00): Falta foto da ação 1';
const APPROVED = 'Aprovado pela regional (Rita, 22/11/2026, 07:00) e encaminhado ao nível central.';
const REFUSED = 'o município 9999999 não existe em Minas Gerais';

const report = (id: string, period: string, status: string, statusMessage?: string) => ({
  id, ownerId: 'u-ana', municipalityCode: '3106200', period, status, revision: 2,
  responsible: { name: 'Ana Souza', role: '', phone: '', email: '' }, notes: 'texto digitado', noActionsJustification: '',
  createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', protocol: 'P-1', deliveredRevision: 1,
  ...(statusMessage === undefined ? {} : { statusMessage }),
});
const outboxRow = (reportId: string, lastError?: string) => ({
  reportId, revision: 1, ownerId: 'u-ana', body: '{"id":"x"}', photoHashes: ['a'.repeat(64)], queuedAt: '2026-11-20T10:00:00.000Z',
  attempts: 3, nextAttemptAt: 1_700_000_000_000, uploaded: [], ...(lastError === undefined ? {} : { lastError }),
});

let opened: MobilizaDb | undefined;
afterEach(() => opened?.close());

async function writeVersion1(indexedDB: IDBFactory) {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  old.version(1).stores(V1_STORES);
  await old.open();
  await old.table('reports').bulkAdd([
    report('r-returned', '2026-09', 'returned', RETURNED),
    report('r-approved', '2026-08', 'approved', APPROVED),
    report('r-refused', '2026-07', 'needs_fix', REFUSED),
    report('r-draft', '2026-11', 'draft'),
    report('r-queued', '2026-10', 'queued'),
    report('r-odd', '2026-06', 'returned', 'um texto que nenhuma versão escreveu'),
  ]);
  await old.table('outbox').bulkAdd([outboxRow('r-queued', OFFLINE), outboxRow('r-other', SERVER_503), outboxRow('r-fresh')]);
  await old.table('actions').add({ id: 'a1', reportId: 'r-draft', number: 1, title: 'Palestra na escola', updatedAt: '2026-11-20T10:00:00.000Z' });
  await old.table('photos').add({ id: 'p1', actionId: 'a1', reportId: 'r-draft', number: 1, sha256: 'a'.repeat(64), blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 7])]) });
  await old.table('settings').bulkAdd([
    { key: 'syncState', value: { lastSuccessAt: '2026-11-19T10:00:00.000Z', lastError: SERVER_503 } },
    { key: 'profile', value: { name: 'Ana Souza', municipalityCode: '3106200' } },
  ]);
  await old.table('journal').add({ key: 'actions:a1', table: 'actions', row: { id: 'a1', updatedAt: '2026-11-20T10:01:00.000Z', title: 'Palestra na escola municipal' } });
  old.close();
}

describe('database upgrade from version 1', () => {
  it('keeps every row and turns stored sentences into codes that read the same', async () => {
    const indexedDB = new IDBFactory();
    await writeVersion1(indexedDB);
    opened = openDatabase({ indexedDB, IDBKeyRange });
    const db = opened;

    expect(await db.reports.count()).toBe(6);
    expect(await db.outbox.count()).toBe(3);
    expect(await db.actions.get('a1')).toMatchObject({ title: 'Palestra na escola' });
    const photo = await db.photos.get('p1');
    expect(new Uint8Array(await photo!.blob!.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 7]));
    expect(await db.journal.get('actions:a1')).toMatchObject({ row: { title: 'Palestra na escola municipal' } });
    expect(await db.settings.get('profile')).toMatchObject({ value: { name: 'Ana Souza' } });

    const queued = await db.outbox.get('r-queued');
    expect(queued).toMatchObject({ attempts: 3, body: '{"id":"x"}', lastError: { code: 'offline' } });
    expect(noteText(queued!.lastError)).toBe(OFFLINE);
    expect((await db.outbox.get('r-other'))!.lastError).toEqual({ code: 'server_error', detail: { status: 503 } });
    expect(noteText((await db.outbox.get('r-other'))!.lastError)).toBe(SERVER_503);
    expect((await db.outbox.get('r-fresh'))!).not.toHaveProperty('lastError');

    const byId = async (id: string) => (await db.reports.get(id))!;
    for (const [id, code, text] of [['r-returned', 'returned', RETURNED], ['r-approved', 'approved', APPROVED], ['r-refused', 'rejected', REFUSED]] as const) {
      const r = await byId(id);
      expect(r, id).not.toHaveProperty('statusMessage');
      expect(r.statusNote?.code, id).toBe(code);
      expect(noteText(r.statusNote), id).toBe(text);
      expect(r).toMatchObject({ notes: 'texto digitado', revision: 2, protocol: 'P-1' });
    }
    expect((await byId('r-odd')).statusNote).toEqual({ code: 'legacy', detail: { text: 'um texto que nenhuma versão escreveu' } });
    expect(await byId('r-draft')).not.toHaveProperty('statusNote');

    const state = (await db.settings.get('syncState'))!.value;
    expect(state).toEqual({ lastSuccessAt: '2026-11-19T10:00:00.000Z', lastError: { code: 'server_error', detail: { status: 503 } } });
    expect(db.verno).toBeGreaterThanOrEqual(2); // later versions (3: partners, #16) only add tables
  });
});

describe('noteFromLegacy', () => {
  it('maps each sentence the old version wrote to its code, and keeps unknown text', () => {
    expect(noteFromLegacy('A conexão ficou lenta demais e o envio foi interrompido. Nova tentativa automática.')).toEqual({ code: 'timeout' });
    expect(noteFromLegacy('A regional pediu para aguardar (muitas tentativas).')).toEqual({ code: 'rate_limited' });
    expect(noteFromLegacy('A regional recusou o envio (erro 409).')).toEqual({ code: 'rejected', detail: { status: 409 } });
    expect(noteFromLegacy('Uma foto deste relatório não está mais no aparelho. Abra o relatório, confira as fotos e envie de novo.')).toEqual({ code: 'photo_missing' });
    expect(noteFromLegacy('Sessão expirada: entre de novo para enviar.')).toEqual({ code: 'session_expired' });
    expect(noteFromLegacy('Consolidado pelo nível central.')).toEqual({ code: 'consolidated' });
    expect(noteFromLegacy('algo novo')).toEqual({ code: 'legacy', detail: { text: 'algo novo' } });
    // every code's text equals the sentence it replaces
    for (const s of ['A regional recusou o envio (erro 409).', 'Sessão expirada: entre de novo para enviar.', 'Consolidado pelo nível central.']) {
      expect(noteText(noteFromLegacy(s))).toBe(s);
    }
  });
});
