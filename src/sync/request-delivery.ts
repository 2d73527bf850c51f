// first-load module: the one way a screen asks for sending ("Enviar relatório", "Tentar agora", a
// new sign-in). main.tsx connects it to the page's scheduler; until then (tests) it only records rows.
import type { MobilizaDb } from '../db/database';
import { makeDueNow } from '../db/outbox';
import { getSession } from '../db/session';
import { BACKGROUND_SYNC_TAG } from './config';

/** "Enviar relatório", "Tentar agora", a new sign-in */
export type DeliveryReason = 'enqueue' | 'button' | 'sign-in';

export interface DeliveryDeps {
  db: MobilizaDb;
  /** the page's scheduler */
  trigger: () => unknown;
  /** Background Sync registration (default: the service worker registration's `sync`) */
  registerBackgroundSync?: () => Promise<boolean>;
  now?: () => number;
}

let deps: DeliveryDeps | undefined;

/** Called once by main.tsx; `undefined` disconnects (tests). */
export function connectDelivery(next: DeliveryDeps | undefined): void {
  deps = next;
}

/**
 * Asks for delivery now: "Tentar agora" makes the account's waiting rows due at once; every reason
 * registers Background Sync (the service worker sends even if the app is closed, where the browser
 * allows) and runs the page's drain.
 */
export async function requestDelivery(reason: DeliveryReason): Promise<void> {
  if (!deps) return;
  const { db, trigger, registerBackgroundSync = requestBackgroundSync, now = Date.now } = deps;
  if (reason === 'button') {
    const session = await getSession(db);
    if (session) await makeDueNow(db, session.user.id, now());
  }
  void registerBackgroundSync();
  trigger();
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks the browser to fire the service worker's `sync` event when it has a connection (Chrome/Android). */
export async function requestBackgroundSync(): Promise<boolean> {
  try {
    const registration = await globalThis.navigator?.serviceWorker?.ready;
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
    if (!sync) return false;
    await sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false; // not supported or not allowed: the page's own triggers still deliver
  }
}
