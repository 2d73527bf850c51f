// first-load module: the reports list asks at start-up.
/** What we use of navigator.storage (tests pass a fake). */
export type StorageLike = Pick<StorageManager, 'persist' | 'persisted'>;

/**
 * Asks the browser not to evict the phone's data: the answer (true/false), or undefined where the
 * API is missing or refused to answer. Asks only when not already granted.
 */
export async function ensurePersisted(storage: StorageLike | undefined): Promise<boolean | undefined> {
  if (!storage?.persist) return undefined;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return undefined;
  }
}
