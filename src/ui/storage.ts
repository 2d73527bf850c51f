// first-load module: persistent-storage helpers (the browser may evict data unless persisted).
import type { MobilizaDb } from '../db/database';
import { putSetting } from '../db/settings';

/** Asks the browser not to evict our data; remembers the answer for the settings screen. */
export async function requestPersistence(db: MobilizaDb): Promise<boolean | undefined> {
  if (!navigator.storage?.persist) return undefined;
  try {
    const already = await navigator.storage.persisted();
    const granted = already || (await navigator.storage.persist());
    await putSetting(db, 'storagePersisted', granted);
    return granted;
  } catch {
    return undefined;
  }
}
