import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { putNow, replayJournal } from '../../src/db/put-now';
import { createReport } from '../../src/db/reports';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
beforeEach(async () => {
  db = freshDb();
  await db.open();
});
afterEach(() => db.close());

const later = () => new Date(Date.now() + 60_000).toISOString();
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('putNow / replayJournal', () => {
  it('never replays into a frozen report (a copy must not change what was sent)', async () => {
    const r = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });
    const a = await addAction(db, r.id, { title: 'sent title' });
    await db.reports.update(r.id, { status: 'queued' });
    expect(putNow(db, 'actions', { ...a, title: 'typed later', updatedAt: later() })).toBe(true);
    expect(putNow(db, 'reports', { ...r, notes: 'late note', updatedAt: later() })).toBe(true);
    await settle();
    expect(await replayJournal(db)).toBe(0);
    expect((await db.actions.get(a.id))?.title).toBe('sent title');
    expect((await db.reports.get(r.id))?.notes).toBe('');
    expect(await db.journal.count()).toBe(0);
  });

  it('drops the copy of a row that no longer exists', async () => {
    expect(putNow(db, 'actions', { id: 'gone', updatedAt: later(), title: 'x' })).toBe(true);
    await settle();
    expect(await replayJournal(db)).toBe(0);
    expect(await db.journal.count()).toBe(0);
  });

  it('says false (and logs) when the write cannot even start', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    db.close();
    expect(putNow(db, 'actions', { id: 'a', updatedAt: later() })).toBe(false);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
