import { BACKGROUND_SYNC_TAG } from '../sync/config';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks the browser to fire the service worker's `sync` event when it has a connection (Chrome/Android). */
export async function requestBackgroundSync(): Promise<boolean> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
    if (!sync) return false;
    await sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false; // not supported or not allowed: the page's own triggers still deliver
  }
}
