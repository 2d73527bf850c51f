// first-load module
// Settings rows of due dates and notifications on this phone (#14).
import { DEFAULT_DEADLINES, type DeadlineSettings } from '../domain/deadline';
import type { MobilizaDb } from './database';
import { getSetting, putSetting } from './settings';

/** The central level's due-date rule as last pulled (the default until the first pull). */
export const getDeadlines = async (db: MobilizaDb): Promise<DeadlineSettings> =>
  (await getSetting<DeadlineSettings>(db, 'deadlines')) ?? DEFAULT_DEADLINES;
export const saveDeadlines = (db: MobilizaDb, settings: DeadlineSettings) => putSetting(db, 'deadlines', settings);

/** What the app remembers about push on this phone. */
export interface PushPrefs {
  /** the explanation + permission request was offered (answered or dismissed): never nag again */
  offered?: boolean;
  /** "this browser cannot notify" was said once */
  unsupportedNoticed?: boolean;
  /** this device is subscribed on the endpoint (as last known) */
  subscribed?: boolean;
}

export const getPushPrefs = async (db: MobilizaDb): Promise<PushPrefs> => (await getSetting<PushPrefs>(db, 'push')) ?? {};

export async function patchPushPrefs(db: MobilizaDb, patch: PushPrefs): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await putSetting(db, 'push', { ...(await getPushPrefs(db)), ...patch });
  });
}
