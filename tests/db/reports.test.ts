import { copyTitle } from '../../src/ui/messages';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  actionsOfReport, addAction, deleteAction, duplicateAction, moveAction, restoreAction, updateAction,
} from '../../src/db/actions';
import { ReportLockedError, type MobilizaDb } from '../../src/db/database';
import { createReport, listReportCards, updateReportHeader } from '../../src/db/reports';
import { getProfile, saveProfile } from '../../src/db/settings';
import { photoRecord } from '../helpers/fixtures';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

const newReport = (period = '2026-11', ownerId = 'local') =>
  createReport(db, { ownerId, municipalityCode: '3106200', period, responsible: { name: 'Ana' } });

describe('reports', () => {
  it('creates one report per account and month', async () => {
    const a = await newReport();
    const again = await newReport();
    expect(again.id).toBe(a.id);
    expect(a).toMatchObject({ status: 'draft', revision: 1, responsible: { name: 'Ana', role: '', phone: '', email: '' } });
    const other = await newReport('2026-11', 'someone-else');
    expect(other.id).not.toBe(a.id);
    expect(await db.reports.count()).toBe(2);
  });

  it('lists cards newest month first with action and photo counts', async () => {
    const oct = await newReport('2026-10');
    const nov = await newReport('2026-11');
    const a1 = await addAction(db, nov.id);
    await addAction(db, nov.id);
    await db.photos.add(photoRecord(a1.id, nov.id, 1, 'a'.repeat(64)));
    const cards = await listReportCards(db, 'local');
    expect(cards.map((c) => c.report.id)).toEqual([nov.id, oct.id]);
    expect(cards[0]).toMatchObject({ actionCount: 2, photoCount: 1, actionsWithoutPhotos: 1 });
    expect(await listReportCards(db, 'nobody')).toEqual([]);
  });

  it('the list is a summary from the indexes: no photo row (with its Blobs) is read', async () => {
    const r = await newReport('2026-09');
    const a1 = await addAction(db, r.id);
    const a2 = await addAction(db, r.id);
    await addAction(db, r.id);
    for (let n = 1; n <= 3; n++) await db.photos.add(photoRecord(a1.id, r.id, n, String(n).repeat(64)));
    await db.photos.add(photoRecord(a2.id, r.id, 1, '9'.repeat(64)));
    let photoRowsRead = 0;
    const reading = (row: unknown) => {
      photoRowsRead++;
      return row;
    };
    db.photos.hook('reading', reading);
    const [card] = await listReportCards(db, 'local');
    db.photos.hook('reading').unsubscribe(reading);
    expect(card).toMatchObject({ actionCount: 3, photoCount: 4, actionsWithoutPhotos: 1 });
    expect(photoRowsRead).toBe(0);
  });

  it('reads the first screen (profile, session, the owner\'s cards) in one go', async () => {
    const { readFirstScreen } = await import('../../src/db/first-screen');
    expect(await readFirstScreen(db)).toEqual({ profile: null, session: null });
    await saveProfile(db, { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: '', phone: '', email: '' } as never);
    const r = await newReport('2026-10');
    const first = await readFirstScreen(db);
    expect(first.cards?.ownerId).toBe('local');
    expect(first.cards?.cards.map((c) => c.report.id)).toEqual([r.id]);
  });

  it('saves header fields and refuses changes to a frozen report', async () => {
    const r = await newReport();
    await updateReportHeader(db, r.id, { notes: 'Mês chuvoso', responsible: { ...r.responsible, phone: '31 99999-0000' } });
    expect(await db.reports.get(r.id)).toMatchObject({ notes: 'Mês chuvoso', responsible: { name: 'Ana', phone: '31 99999-0000' } });
    await db.reports.update(r.id, { status: 'queued' });
    await expect(updateReportHeader(db, r.id, { notes: 'x' })).rejects.toBeInstanceOf(ReportLockedError);
    await expect(addAction(db, r.id)).rejects.toBeInstanceOf(ReportLockedError);
    expect((await db.reports.get(r.id))?.notes).toBe('Mês chuvoso');
  });
});

describe('actions', () => {
  const numbers = async (reportId: string) => (await actionsOfReport(db, reportId)).map((a) => `${a.number}:${a.title}`);

  it('numbers actions 1..n and saves every field', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id, { date: '2026-11-03' });
    const b = await addAction(db, r.id);
    expect([a.number, b.number]).toEqual([1, 2]);
    await updateAction(db, b.id, { title: 'Blitz', themes: ['arboviroses'], participants: 30, place: { description: 'Praça', zone: 'urbana' } });
    expect(await db.actions.get(b.id)).toMatchObject({ title: 'Blitz', themes: ['arboviroses'], participants: 30, date: '' });
    expect((await db.reports.get(r.id))!.updatedAt >= r.updatedAt).toBe(true);
  });

  it('duplicates an action right after the original, without its photos', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id, { title: 'A' });
    await addAction(db, r.id, { title: 'B' });
    await db.photos.add(photoRecord(a.id, r.id, 1, 'a'.repeat(64)));
    const copy = await duplicateAction(db, a.id, copyTitle);
    expect(await numbers(r.id)).toEqual(['1:A', '2:A (cópia)', '3:B']);
    expect(await db.photos.where('actionId').equals(copy.id).count()).toBe(0);
  });

  it('deletes with renumbering, and undo puts the action and its photos back in place', async () => {
    const r = await newReport();
    await addAction(db, r.id, { title: 'A' });
    const b = await addAction(db, r.id, { title: 'B' });
    await addAction(db, r.id, { title: 'C' });
    await db.photos.bulkAdd([photoRecord(b.id, r.id, 1, 'a'.repeat(64)), photoRecord(b.id, r.id, 2, 'b'.repeat(64))]);
    const deleted = await deleteAction(db, b.id);
    expect(await numbers(r.id)).toEqual(['1:A', '2:C']);
    expect(await db.photos.count()).toBe(0);
    await restoreAction(db, deleted);
    expect(await numbers(r.id)).toEqual(['1:A', '2:B', '3:C']);
    const photos = await db.photos.where('actionId').equals(b.id).toArray();
    expect(photos.map((p) => p.number).sort()).toEqual([1, 2]);
    expect(photos[0].blob).toBeInstanceOf(Blob);
  });

  it('moves actions up and down, ignoring moves past the ends', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id, { title: 'A' });
    await addAction(db, r.id, { title: 'B' });
    const c = await addAction(db, r.id, { title: 'C' });
    await moveAction(db, c.id, -1);
    expect(await numbers(r.id)).toEqual(['1:A', '2:C', '3:B']);
    await moveAction(db, a.id, -1);
    await moveAction(db, a.id, 1);
    expect(await numbers(r.id)).toEqual(['1:C', '2:A', '3:B']);
  });

  it('rolls a failed multi-table change back entirely', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id, { title: 'A' });
    await db.photos.add(photoRecord(a.id, r.id, 1, 'a'.repeat(64)));
    db.photos.hook('deleting', () => {
      throw new Error('disk failure');
    });
    await expect(deleteAction(db, a.id)).rejects.toThrow('disk failure');
    expect(await numbers(r.id)).toEqual(['1:A']);
    expect(await db.photos.count()).toBe(1);
  });
});

describe('settings', () => {
  it('keeps the profile', async () => {
    expect(await getProfile(db)).toBeUndefined();
    const profile = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'RT', phone: '', email: '' };
    await saveProfile(db, profile);
    expect(await getProfile(db)).toEqual(profile);
  });
});

describe('last-chance journal', () => {
  it('replays a pagehide copy newer than the row, keeps the row when it is newer, and clears the journal', async () => {
    const { putNow, replayJournal } = await import('../../src/db/put-now');
    const r = await newReport();
    const a = await addAction(db, r.id, { title: 'old' });
    const b = await addAction(db, r.id, { title: 'kept' });
    await db.open();
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(putNow(db, 'actions', { ...a, title: 'typed before closing', number: 99, updatedAt: later })).toBe(true);
    expect(putNow(db, 'actions', { ...b, title: 'stale copy', updatedAt: '2000-01-01T00:00:00.000Z' })).toBe(true);
    expect(putNow(db, 'reports', { ...r, notes: 'nota de última hora', status: 'approved', updatedAt: later })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await replayJournal(db)).toBe(2);
    expect(await db.actions.get(a.id)).toMatchObject({ title: 'typed before closing', number: 1 });
    expect((await db.actions.get(b.id))?.title).toBe('kept');
    expect(await db.reports.get(r.id)).toMatchObject({ notes: 'nota de última hora', status: 'draft' });
    expect(await db.journal.count()).toBe(0);
  });
});
