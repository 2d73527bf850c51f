// first-load module
import { LOCAL_OWNER, type ProfileSetting } from '../domain/outbox';
import type { Session, SyncState } from '../domain/session';
import type { MobilizaDb } from './database';
import { clearSnapshot, storageHere } from './first-screen-snapshot';
import { makeDueNow } from './outbox';
import { getSetting, putSetting } from './settings';

export const getSession = (db: MobilizaDb) => getSetting<Session>(db, 'session');
export const getSyncState = async (db: MobilizaDb) => (await getSetting<SyncState>(db, 'syncState')) ?? {};

export async function patchSyncState(db: MobilizaDb, patch: SyncState): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await putSetting(db, 'syncState', { ...(await getSyncState(db)), ...patch });
  });
}

/** A 401 during sync: keep the account and the queue, ask the agent to sign in again. */
export async function markSessionExpired(db: MobilizaDb): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const session = await getSession(db);
    if (session) await putSetting(db, 'session', { ...session, expired: true });
  });
}

export class UnsentReportsError extends Error {
  constructor(readonly count: number) {
    super(`${count} report(s) not sent yet`);
    this.name = 'UnsentReportsError';
  }
}

/**
 * Stores a new sign-in. Data is kept per account: reports started before any sign-in ("local")
 * are adopted by an agent of the same municipality; reports of other accounts stay untouched and
 * hidden. The account's queued reports resume at once.
 */
export async function saveSession(
  db: MobilizaDb,
  session: Session,
  profile: ProfileSetting,
  now = Date.now(),
): Promise<{ adopted: number }> {
  return db.transaction('rw', [db.settings, db.reports, db.outbox], async () => {
    const userId = session.user.id;
    let adopted = 0;
    if (session.user.role === 'agent') {
      const local = await db.reports.where('ownerId').equals(LOCAL_OWNER).toArray();
      for (const report of local) {
        if (report.municipalityCode !== session.user.municipalityCode) continue;
        const clash = await db.reports.where('[ownerId+period]').equals([userId, report.period]).first();
        if (clash) continue;
        await db.reports.put({ ...report, ownerId: userId });
        await db.outbox.where('reportId').equals(report.id).modify({ ownerId: userId });
        adopted++;
      }
    }
    clearSnapshot(storageHere()); // the next list painted is this account's
    await makeDueNow(db, userId, now);
    await putSetting(db, 'session', { ...session, expired: false });
    await putSetting(db, 'profile', profile);
    return { adopted };
  });
}

/** "Sair": refused while this account has anything unsent; the account's data stays on the phone. */
export async function signOut(db: MobilizaDb): Promise<Session | undefined> {
  return db.transaction('rw', db.settings, db.outbox, async () => {
    const session = await getSession(db);
    if (!session) return undefined;
    const unsent = await db.outbox.where('ownerId').equals(session.user.id).count();
    if (unsent > 0) throw new UnsentReportsError(unsent);
    await db.settings.delete('session');
    await db.settings.delete('profile');
    clearSnapshot(storageHere());
    return session;
  });
}
