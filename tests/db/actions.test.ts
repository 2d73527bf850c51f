import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction, deleteAction, getAction, updateAction } from '../../src/db/actions';
import { ReportLockedError, type MobilizaDb } from '../../src/db/database';
import { createReport, getReport } from '../../src/db/reports';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

const newReport = () => createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });

describe('action commands', () => {
  it('adds with empty fields and the next number, and touches the report', async () => {
    const r = await newReport();
    const at = new Date('2026-11-25T10:00:00Z');
    const a = await addAction(db, r.id, { title: 'Palestra' }, at);
    expect(a).toMatchObject({ number: 1, title: 'Palestra', themes: [], partners: [], participants: null, createdAt: at.toISOString() });
    expect(await getAction(db, a.id)).toEqual(a);
    expect((await getReport(db, r.id))?.updatedAt).toBe(at.toISOString());
  });

  it('updates only editable reports and says which thing is missing', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id);
    await updateAction(db, a.id, { participants: 30 });
    expect((await getAction(db, a.id))?.participants).toBe(30);
    await db.reports.update(r.id, { status: 'approved' });
    await expect(updateAction(db, a.id, { participants: 31 })).rejects.toBeInstanceOf(ReportLockedError);
    await expect(deleteAction(db, a.id)).rejects.toBeInstanceOf(ReportLockedError);
    // Dexie re-wraps errors thrown in a transaction; the UI reads the name (saveErrorMessage)
    await expect(updateAction(db, 'nope', {})).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await getAction(db, a.id))?.participants).toBe(30);
  });

  it('allows edits again on a returned report (revision N+1)', async () => {
    const r = await newReport();
    const a = await addAction(db, r.id);
    await db.reports.update(r.id, { status: 'returned' });
    await updateAction(db, a.id, { title: 'corrigido' });
    expect((await getAction(db, a.id))?.title).toBe('corrigido');
  });
});
