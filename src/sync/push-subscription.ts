// The page's side of Web Push: permission, subscription on the endpoint, test message, daily
// status pull. The browser objects and the HTTP client are parameters.
import { PushStateSchema, type PushState } from '../domain/push';
import { patchPushPrefs } from '../db/notification-settings';
import type { MobilizaDb } from '../db/database';
import { HttpError, type HttpClient } from './http';
import { STATUS_PERIODIC_SYNC_TAG } from './push-events';

export type PushAvailability = 'unsupported' | 'denied' | 'prompt' | 'granted';

interface PushSubscriptionLike {
  toJSON(): unknown;
  unsubscribe(): Promise<boolean>;
  options?: { applicationServerKey?: ArrayBuffer | null };
}

export interface PushRegistration {
  pushManager: {
    getSubscription(): Promise<PushSubscriptionLike | null>;
    subscribe(options: { userVisibleOnly: boolean; applicationServerKey: Uint8Array<ArrayBuffer> }): Promise<PushSubscriptionLike>;
  };
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
}

export interface PushEnv {
  registration: PushRegistration;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** Whether this browser can receive push at all, and what the user answered. */
export function pushAvailability(g: { Notification?: { permission: NotificationPermission }; PushManager?: unknown; navigator?: { serviceWorker?: unknown } } = globalThis as never): PushAvailability {
  if (!g.Notification || !g.PushManager || !g.navigator?.serviceWorker) return 'unsupported';
  const p = g.Notification.permission;
  return p === 'granted' ? 'granted' : p === 'denied' ? 'denied' : 'prompt';
}

export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const sameKey = (a: ArrayBuffer | null | undefined, b: Uint8Array) =>
  !!a && a.byteLength === b.byteLength && new Uint8Array(a).every((v, i) => v === b[i]);

export async function pushState(http: HttpClient): Promise<PushState> {
  return PushStateSchema.parse(await (await http.request('GET', '/push/subscription')).json());
}

const SUBSCRIBE_TIMEOUT_MS = 20_000;

export type EnableOutcome = 'on' | 'denied' | 'dismissed' | 'failed';

/**
 * Asks permission (call it from a tap), subscribes with the endpoint's key (an old subscription
 * made with another key is replaced) and stores it on the endpoint for this device session.
 */
export async function enablePush(db: MobilizaDb, http: HttpClient, env: PushEnv): Promise<EnableOutcome> {
  await patchPushPrefs(db, { offered: true });
  const answer = env.permission() === 'granted' ? 'granted' : await env.requestPermission();
  if (answer === 'denied') return 'denied';
  if (answer !== 'granted') return 'dismissed';
  try {
    const key = keyBytes((await pushState(http)).publicKey);
    let sub = await env.registration.pushManager.getSubscription();
    if (sub && !sameKey(sub.options?.applicationServerKey, key)) {
      await sub.unsubscribe();
      sub = null;
    }
    // Without a reachable push service some browsers never settle subscribe(): give up after a while.
    sub ??= await Promise.race([
      env.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
      new Promise<never>((_, fail) => setTimeout(() => fail(new Error('push subscribe timed out')), SUBSCRIBE_TIMEOUT_MS)),
    ]);
    await http.request('PUT', '/push/subscription', { body: JSON.stringify(sub.toJSON()), contentType: 'application/json' });
    await patchPushPrefs(db, { subscribed: true });
    await registerDailyStatusPull(env.registration);
    return 'on';
  } catch (error) {
    console.error(error);
    return 'failed';
  }
}

/** Turns notifications off on this device: the endpoint forgets the subscription, the browser drops it. */
export async function disablePush(db: MobilizaDb, http: HttpClient | undefined, env: Pick<PushEnv, 'registration'>): Promise<void> {
  const sub = await env.registration.pushManager.getSubscription().catch(() => null);
  await sub?.unsubscribe().catch(() => false);
  await patchPushPrefs(db, { subscribed: false });
  // Offline: the endpoint drops it at the next 404/410 from the push service, or at sign-out.
  await http?.request('DELETE', '/push/subscription').catch(() => undefined);
}

export type TestOutcome = 'sent' | 'not_subscribed' | 'gone' | 'failed' | 'offline';

export async function sendTestNotification(db: MobilizaDb, http: HttpClient): Promise<TestOutcome> {
  try {
    await http.request('POST', '/push/test');
    return 'sent';
  } catch (error) {
    if (!(error instanceof HttpError)) return 'offline';
    if (error.status === 404) {
      await patchPushPrefs(db, { subscribed: false });
      return 'not_subscribed';
    }
    if (error.status === 410) {
      await patchPushPrefs(db, { subscribed: false });
      return 'gone';
    }
    return 'failed';
  }
}

/** A daily status pull where Periodic Background Sync exists and is granted (installed Chromium). */
export async function registerDailyStatusPull(
  registration: PushRegistration,
  query: (name: string) => Promise<{ state: string }> = (name) => navigator.permissions.query({ name: name as PermissionName }),
): Promise<boolean> {
  if (!registration.periodicSync) return false;
  try {
    if ((await query('periodic-background-sync')).state !== 'granted') return false;
    await registration.periodicSync.register(STATUS_PERIODIC_SYNC_TAG, { minInterval: 24 * 3600 * 1000 });
    return true;
  } catch {
    return false;
  }
}
