import webpush from 'web-push';
import type { Queryable } from '../store/driver.ts';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** The contact the push services see when nobody configured one (set VAPID_SUBJECT in production). */
export const DEFAULT_VAPID_SUBJECT = 'mailto:mobiliza@localhost';

/**
 * The endpoint's VAPID keys: from the environment when given (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY,
 * VAPID_SUBJECT), otherwise generated at first start and kept in server_settings. Two processes
 * starting at once both end with the first one's keys (insert-if-absent, then read).
 */
export async function loadVapidDetails(
  q: Queryable,
  env: { publicKey?: string; privateKey?: string; subject?: string } = {},
  now = new Date(),
): Promise<VapidDetails> {
  const subject = env.subject || DEFAULT_VAPID_SUBJECT;
  if (env.publicKey && env.privateKey) {
    // Throws a readable error at start-up for a malformed key instead of at the first send.
    webpush.getVapidHeaders('https://push.example/', subject, env.publicKey, env.privateKey, 'aes128gcm');
    return { subject, publicKey: env.publicKey, privateKey: env.privateKey };
  }
  const fresh = webpush.generateVAPIDKeys();
  await q.query(
    `INSERT INTO server_settings (key, value, updated_at) VALUES ('vapid', $1, $2) ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(fresh), now],
  );
  const { rows } = await q.query<{ value: { publicKey: string; privateKey: string } }>(
    `SELECT value FROM server_settings WHERE key = 'vapid'`,
  );
  return { subject, publicKey: rows[0].value.publicKey, privateKey: rows[0].value.privateKey };
}
