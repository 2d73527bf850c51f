// first-load module: persistent storage (the browser may evict data unless persisted).
import type { MobilizaDb } from '../db/database';
import { ensurePersisted } from '../db/persistence';
import { putSetting } from '../db/settings';

/** Asks the browser not to evict our data; remembers the answer for the settings screen. */
export async function requestPersistence(db: MobilizaDb): Promise<boolean | undefined> {
  const granted = await ensurePersisted(globalThis.navigator?.storage);
  if (granted !== undefined) await putSetting(db, 'storagePersisted', granted).catch(() => {});
  return granted;
}
