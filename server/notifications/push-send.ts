import webpush from 'web-push';
import type { PushPayload } from '../../src/domain/push.ts';
import type { VapidDetails } from './vapid.ts';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type SendOutcome =
  | { outcome: 'sent' }
  /** 404/410: the browser dropped the subscription; remove it */
  | { outcome: 'gone'; status: number }
  /** network error, timeout, 429, 5xx: try again later */
  | { outcome: 'retry'; error: string }
  /** any other refusal (bad key, payload too large…): retrying would not help */
  | { outcome: 'refused'; error: string };

/** How long a push service keeps an undelivered message (the phone may be off for a day). */
export const PUSH_TTL_SECONDS = 2 * 24 * 3600;

/**
 * Encrypts (aes128gcm, RFC 8291) and signs (VAPID) one message with the `web-push` library and
 * POSTs it with our own fetch: one path for production push services and the tests' local mock
 * (web-push's own sender insists on TLS).
 */
export async function sendPush(
  fetchFn: typeof fetch,
  vapid: VapidDetails,
  target: PushTarget,
  payload: PushPayload,
  timeoutMs = 15_000,
): Promise<SendOutcome> {
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, contentEncoding: 'aes128gcm', urgency: 'normal', topic: topicOf(payload.tag) },
    );
  } catch (err) {
    return { outcome: 'refused', error: `encrypt: ${(err as Error).message}` };
  }
  let res: Response;
  try {
    res = await fetchFn(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { outcome: 'retry', error: `network: ${(err as Error).message}` };
  }
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) return { outcome: 'sent' };
  if (res.status === 404 || res.status === 410) return { outcome: 'gone', status: res.status };
  if (res.status === 429 || res.status >= 500) return { outcome: 'retry', error: `HTTP ${res.status}` };
  return { outcome: 'refused', error: `HTTP ${res.status}` };
}

/** The Topic header replaces an undelivered message with the same topic (≤ 32 URL-safe chars). */
function topicOf(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_-]/g, '').slice(-32) || 'mobiliza';
}
