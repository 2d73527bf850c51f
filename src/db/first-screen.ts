// first-load module: everything the home screen needs, read in one transaction before the first
// render (issue #17). Without it the open was a waterfall: open → profile and session → "Carregando…"
// → the list query → the list, each step a round trip through IndexedDB on a throttled CPU.
import { ownerIdOf, type ProfileSetting } from '../domain/outbox';
import type { Session } from '../domain/session';
import type { MobilizaDb } from './database';
import { listReportCards, type ReportCard } from './reports';
import { getSetting } from './settings';

export interface FirstScreen {
  profile: ProfileSetting | null;
  session: Session | null;
  /** the reports list of the profile's owner (absent without a profile) */
  cards?: { ownerId: string; cards: ReportCard[] };
}

export async function readFirstScreen(db: MobilizaDb): Promise<FirstScreen> {
  return db.transaction('r', [db.settings, db.reports, db.actions, db.photos, db.outbox], async () => {
    const [profile, session] = await Promise.all([getSetting<ProfileSetting>(db, 'profile'), getSetting<Session>(db, 'session')]);
    if (!profile) return { profile: null, session: session ?? null };
    const ownerId = ownerIdOf(profile);
    return { profile, session: session ?? null, cards: { ownerId, cards: await listReportCards(db, ownerId) } };
  });
}
