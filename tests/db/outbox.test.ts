import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { completeItem, dueItems, makeDueNow, markUploaded, outboxCount, outboxItem, outboxOf, patchItem, rejectItem } from '../../src/db/outbox';
import { createReport, getReport } from '../../src/db/reports';
import type { OutboxItem } from '../../src/domain/outbox';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

const row = (reportId: string, patch: Partial<OutboxItem> = {}): OutboxItem => ({
  reportId, revision: 1, ownerId: 'ana', body: '{}', photoHashes: [], queuedAt: '2026-11-20T10:00:00.000Z', attempts: 0, nextAttemptAt: 100, uploaded: [], ...patch,
});
const queuedReport = async (period: string) => {
  const r = await createReport(db, { ownerId: 'ana', municipalityCode: '3106200', period });
  await db.reports.update(r.id, { status: 'queued' });
  return r;
};

describe('outbox rows', () => {
  it('lists an account\'s rows, and its due ones oldest first', async () => {
    await db.outbox.bulkAdd([
      row('b', { queuedAt: '2026-11-21T10:00:00.000Z' }),
      row('a', { queuedAt: '2026-11-20T10:00:00.000Z' }),
      row('later', { nextAttemptAt: 500, queuedAt: '2026-11-22T10:00:00.000Z' }),
      row('other', { ownerId: 'bia' }),
    ]);
    expect((await outboxOf(db, 'ana')).map((r) => r.reportId).sort()).toEqual(['a', 'b', 'later']);
    expect((await dueItems(db, 'ana', 100)).map((r) => r.reportId)).toEqual(['a', 'b']);
    expect(await outboxCount(db)).toBe(4);
    await makeDueNow(db, 'ana', 50);
    expect((await dueItems(db, 'ana', 50)).map((r) => r.reportId)).toEqual(['a', 'b', 'later']);
    expect((await outboxItem(db, 'other'))?.nextAttemptAt).toBe(100);
  });

  it('patches and marks uploads only while the row holds the same revision', async () => {
    await db.outbox.add(row('a', { revision: 2 }));
    expect(await patchItem(db, { reportId: 'a', revision: 1 }, { attempts: 9 })).toBe(false);
    expect(await patchItem(db, { reportId: 'a', revision: 2 }, { attempts: 3, lastError: { code: 'offline' } })).toBe(true);
    expect(await markUploaded(db, { reportId: 'a', revision: 2 }, 'f'.repeat(64), undefined)).toBe(true);
    expect(await markUploaded(db, { reportId: 'a', revision: 2 }, 'f'.repeat(64), undefined)).toBe(true);
    expect(await outboxItem(db, 'a')).toMatchObject({ attempts: 3, lastError: { code: 'offline' }, uploaded: ['f'.repeat(64)] });
  });

  it('completes a delivery: the row goes, the report records the receipt', async () => {
    const r = await queuedReport('2026-11');
    await db.outbox.add(row(r.id));
    await completeItem(db, { reportId: r.id, revision: 1 }, { protocol: 'MG-1', receivedAt: '2026-11-21T10:00:00.000Z' });
    expect(await outboxItem(db, r.id)).toBeUndefined();
    expect(await getReport(db, r.id)).toMatchObject({ status: 'received', protocol: 'MG-1', deliveredRevision: 1 });
  });

  it('a refusal frees the queue and opens the next revision with the reason as a code', async () => {
    const r = await queuedReport('2026-10');
    await db.outbox.add(row(r.id));
    await rejectItem(db, { reportId: r.id, revision: 1 }, { code: 'rejected', detail: { status: 422 } }, new Date('2026-11-22T00:00:00Z'));
    expect(await outboxCount(db)).toBe(0);
    expect(await getReport(db, r.id)).toMatchObject({ status: 'needs_fix', revision: 2, statusNote: { code: 'rejected', detail: { status: 422 } } });
  });
});
