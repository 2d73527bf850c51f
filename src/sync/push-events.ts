// What the service worker does with a push message and a tap on its notification. Runtime-free:
// the registration, the clients and the status pull are parameters (tests pass fakes).
import type { PushPayload } from '../domain/push';

/** Periodic Background Sync tag of the daily status pull. */
export const STATUS_PERIODIC_SYNC_TAG = 'mobiliza-status';

export interface NotificationShower {
  showNotification(title: string, options?: NotificationOptions): Promise<void>;
}

/** What a push whose payload cannot be read shows (the browser requires a notification): the SW's words. */
export type PushFallback = Pick<PushPayload, 'title' | 'body'>;

const str = (v: unknown): v is string => typeof v === 'string';

/**
 * The payload of a push message (JSON text), or the fallback. Checked by hand rather than with
 * PushPayloadSchema, whose module would bring every push schema into the service worker; the
 * kind is only passed on (as notification data), so any string will do.
 */
export function readPushPayload(text: string | undefined, fallback: PushFallback): PushPayload {
  try {
    const p = JSON.parse(text ?? '');
    if (str(p?.kind) && str(p.title) && str(p.body) && str(p.url) && str(p.tag) && (p.reportId === undefined || str(p.reportId))) {
      return { kind: p.kind as PushPayload['kind'], title: p.title, body: p.body, url: p.url, tag: p.tag, ...(p.reportId ? { reportId: p.reportId } : {}) };
    }
  } catch {
    // not JSON
  }
  return { kind: 'test', url: '/#/', tag: 'mobiliza', ...fallback };
}

/**
 * `push`: show the notification, and pull the status at the same time so the list is current when
 * the agent opens it (the pull is best effort: the notification never waits on the network).
 */
export async function handlePush(
  text: string | undefined,
  registration: NotificationShower,
  pull: () => Promise<unknown>,
  fallback: PushFallback,
): Promise<PushPayload> {
  const payload = readPushPayload(text, fallback);
  await Promise.all([
    registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: payload.url, kind: payload.kind, reportId: payload.reportId },
    }),
    pull().catch(() => undefined),
  ]);
  return payload;
}

export interface WindowLike {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}

export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowLike[]>;
  openWindow(url: string): Promise<unknown>;
}

/**
 * `notificationclick`: bring an open window of the app to the screen the notification is about
 * (focus, then navigate), or open a new one. `scope` is the registration's scope: the app-relative
 * URL in the payload resolves against it, and only the app's own windows are reused.
 */
export async function openNotificationTarget(data: unknown, clients: ClientsLike, scope: string): Promise<string> {
  const raw = (data as { url?: unknown } | null)?.url;
  const path = typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/#/';
  const target = new URL(path.replace(/^\//, ''), scope).href;
  const windows = (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((w) => w.url.startsWith(scope));
  const win = windows[0];
  if (!win) {
    await clients.openWindow(target);
    return target;
  }
  await win.focus().catch(() => undefined);
  try {
    await win.navigate(target);
  } catch {
    // a window this worker does not control cannot be navigated: open the screen in a new one
    await clients.openWindow(target);
  }
  return target;
}
