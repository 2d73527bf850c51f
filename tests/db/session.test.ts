import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { queueReport } from '../../src/db/queue-report';
import { clearSettledPhotos, createReport, listReportCards, settledPhotoUsage } from '../../src/db/reports';
import { getSession, saveSession, signOut, UnsentReportsError } from '../../src/db/session';
import { getProfile } from '../../src/db/settings';
import type { ProfileSetting } from '../../src/domain/outbox';
import type { Session } from '../../src/domain/session';
import { freshDb } from '../helpers/fresh-db';
import { AGENT, seedReadyReport } from '../helpers/seed';

const NOW = new Date('2026-11-23T12:00:00Z');
let db: MobilizaDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

const session = (user = AGENT): Session => ({ token: 't', expiresAt: '2027-05-01T00:00:00Z', user });
const profile = (accountId: string, code = '3106200'): ProfileSetting => ({
  accountId, municipalityCode: code, municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: '', phone: '', email: '',
});

describe('sign-in on a shared phone (data kept per account)', () => {
  it('adopts reports started before any sign-in, for the same municipality only', async () => {
    const mine = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });
    const other = await createReport(db, { ownerId: 'local', municipalityCode: '3100104', period: '2026-10' });
    expect(await saveSession(db, session(), profile(AGENT.id))).toEqual({ adopted: 1 });
    expect((await db.reports.get(mine.id))?.ownerId).toBe(AGENT.id);
    expect((await db.reports.get(other.id))?.ownerId).toBe('local');
    expect(await getProfile(db)).toMatchObject({ accountId: AGENT.id });
  });

  it('never shows nor touches another account\'s reports, queued ones included', async () => {
    const theirs = await seedReadyReport(db, { ownerId: 'u-other' });
    await queueReport(db, theirs.id, NOW);
    await saveSession(db, session(), profile(AGENT.id));
    expect(await listReportCards(db, AGENT.id)).toEqual([]);
    expect((await listReportCards(db, 'u-other')).map((c) => c.report.id)).toEqual([theirs.id]);
    expect(await db.outbox.get(theirs.id)).toMatchObject({ ownerId: 'u-other' });
  });

  it('clears an expired session and makes the account\'s waiting items due at once', async () => {
    const r = await seedReadyReport(db);
    await queueReport(db, r.id, NOW);
    await db.outbox.update(r.id, { nextAttemptAt: NOW.getTime() + 60_000 });
    await saveSession(db, { ...session(), expired: true }, profile(AGENT.id), NOW.getTime());
    expect((await getSession(db))?.expired).toBe(false);
    expect((await db.outbox.get(r.id))?.nextAttemptAt).toBe(NOW.getTime());
  });
});

describe('Sair', () => {
  it('is refused while the account has anything unsent, and keeps everything', async () => {
    await saveSession(db, session(), profile(AGENT.id));
    const r = await seedReadyReport(db);
    await queueReport(db, r.id, NOW);
    const error = await signOut(db).catch((e) => e);
    expect(error).toBeInstanceOf(UnsentReportsError);
    expect(error.count).toBe(1);
    expect(await getSession(db)).toBeDefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('signs out when nothing waits; the account\'s reports stay on the phone', async () => {
    await saveSession(db, session(), profile(AGENT.id));
    const r = await seedReadyReport(db);
    expect((await signOut(db))?.user.id).toBe(AGENT.id);
    expect(await getSession(db)).toBeUndefined();
    expect(await getProfile(db)).toBeUndefined();
    expect(await db.reports.get(r.id)).toBeDefined();
  });
});

describe('storage hygiene', () => {
  it('frees the photos of approved months only; drafts, queued and returned reports keep theirs', async () => {
    const approved = await seedReadyReport(db, { period: '2026-09', photos: 2 });
    const returned = await seedReadyReport(db, { period: '2026-10' });
    const draft = await seedReadyReport(db, { period: '2026-11' });
    await db.reports.update(approved.id, { status: 'approved' });
    await db.reports.update(returned.id, { status: 'returned' });
    expect((await settledPhotoUsage(db, AGENT.id)).photos).toBe(2);
    expect(await clearSettledPhotos(db, AGENT.id)).toBe(2);
    expect(await db.photos.where('reportId').equals(approved.id).count()).toBe(0);
    expect(await db.photos.where('reportId').equals(returned.id).count()).toBe(1);
    expect(await db.photos.where('reportId').equals(draft.id).count()).toBe(1);
  });
});
