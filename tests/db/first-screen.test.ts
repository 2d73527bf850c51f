// The quick first-screen read (issue #17 part 2): plain IndexedDB before Dexie opens, the same
// answer as the Dexie read, and it steps aside whenever it cannot be sure.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from '../../src/db/actions';
import { openDatabase, type MobilizaDb } from '../../src/db/database';
import { readFirstScreen, readFirstScreenQuick } from '../../src/db/first-screen';
import { putNow } from '../../src/db/put-now';
import { createReport } from '../../src/db/reports';
import { putSetting, saveProfile } from '../../src/db/settings';
import { photoRecord } from '../helpers/fixtures';

let idb: IDBFactory;
let db: MobilizaDb;
beforeEach(() => {
  Dexie.dependencies.indexedDB ??= new IDBFactory();
  Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;
  idb = new IDBFactory();
  db = openDatabase({ indexedDB: idb, IDBKeyRange });
});
afterEach(() => db.close());

const PROFILE = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: '', phone: '', email: '' };
const version = () => db.verno * 10;

async function seedMonths() {
  await saveProfile(db, PROFILE as never);
  await putSetting(db, 'session', { token: 't', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'u1', login: 'ana', name: 'Ana', role: 'agent' } });
  const draft = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });
  const sent = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-10' });
  const cleared = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-09' });
  await createReport(db, { ownerId: 'someone-else', municipalityCode: '3106200', period: '2026-08' });
  const a1 = await addAction(db, draft.id);
  await addAction(db, draft.id);
  await db.photos.add(photoRecord(a1.id, draft.id, 1, 'a'.repeat(64)));
  const s1 = await addAction(db, sent.id);
  for (let n = 1; n <= 3; n++) await db.photos.add(photoRecord(s1.id, sent.id, n, String(n).repeat(64)));
  await addAction(db, cleared.id);
  await addAction(db, cleared.id);
  await db.reports.update(sent.id, { status: 'queued' });
  await db.outbox.put({ reportId: sent.id, ownerId: 'local', attempts: 0, nextAttemptAt: 0 } as never);
  await db.reports.update(cleared.id, { status: 'approved' });
}

describe('readFirstScreenQuick', () => {
  it('answers exactly what the Dexie read answers: profile, session, the owner\'s cards newest first with counts and the outbox row', async () => {
    await seedMonths();
    const viaDexie = await readFirstScreen(db);
    const quick = await readFirstScreenQuick(idb, version());
    expect(quick).toEqual(viaDexie);
    expect(quick?.cards?.cards.map((c) => [c.report.period, c.actionCount, c.photoCount, c.actionsWithoutPhotos, !!c.item])).toEqual([
      ['2026-11', 2, 1, 1, false],
      ['2026-10', 1, 3, 0, true],
      ['2026-09', 2, 0, 2, false], // approved, photos cleared by "Liberar espaço"
    ]);
  });

  it('without a profile: the sign-in screen\'s data, no cards', async () => {
    await db.open();
    expect(await readFirstScreenQuick(idb, version())).toEqual({ profile: null, session: null });
  });

  it('steps aside on a first visit, and does not create the database', async () => {
    const empty = new IDBFactory();
    expect(await readFirstScreenQuick(empty, version())).toBeUndefined();
    expect((await empty.databases()).map((d) => d.name)).toEqual([]);
  });

  it('steps aside when the stored schema is older than the code\'s', async () => {
    await seedMonths();
    expect(await readFirstScreenQuick(idb, version() + 10)).toBeUndefined();
  });

  it('steps aside when last-moment edits wait in the journal (Dexie replays them first)', async () => {
    await seedMonths();
    const [report] = await db.reports.toArray();
    expect(putNow(db, 'reports', { ...report, updatedAt: new Date(Date.now() + 1000).toISOString() } as never)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.journal.count()).toBe(1);
    expect(await readFirstScreenQuick(idb, version())).toBeUndefined();
  });

  it('closes its connection: a Dexie open with an upgrade is not blocked', async () => {
    await seedMonths();
    db.close();
    await readFirstScreenQuick(idb, version());
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = idb.open('mobiliza', version() + 10);
      r.onsuccess = () => resolve(r.result);
      r.onblocked = () => reject(new Error('blocked by the quick read'));
      r.onerror = () => reject(r.error);
    });
    expect(raw.version).toBe(version() + 10);
    raw.close();
  });
});
