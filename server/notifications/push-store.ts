// SQL of push subscriptions, notification decisions and their deliveries (the push outbox).
import type { PushPayload, PushSubscriptionRequest } from '../../src/domain/push.ts';
import type { Driver, Queryable } from '../store/driver.ts';
import type { PushTarget } from './push-send.ts';

export type Audience = 'municipality' | 'account' | 'subscription';

/** One notification to decide: sent once per `key`, to every live subscription of its audience. */
export interface Decision {
  key: string;
  audience: Audience;
  /** municipality code, user id or subscription id */
  subject: string;
  payload: PushPayload;
}

/** A subscription may receive while its session is live and its account enabled. */
const LIVE = `se.revoked_at IS NULL AND se.expires_at > $1 AND u.disabled_at IS NULL`;

/** Stores this device session's subscription (replacing its previous one, and the same endpoint held by an older session). */
export async function saveSubscription(
  driver: Driver,
  s: { sessionId: string; userId: string; sub: PushSubscriptionRequest; now: Date },
): Promise<{ created: boolean }> {
  return driver.transaction(async (tx) => {
    await tx.query('DELETE FROM push_subscriptions WHERE endpoint = $1 AND session_id <> $2', [s.sub.endpoint, s.sessionId]);
    const { rows } = await tx.query<{ inserted: boolean }>(
      `INSERT INTO push_subscriptions (session_id, user_id, endpoint, p256dh, auth, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id) DO UPDATE SET endpoint = EXCLUDED.endpoint, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
         created_at = EXCLUDED.created_at
       RETURNING (xmax = 0) AS inserted`,
      [s.sessionId, s.userId, s.sub.endpoint, s.sub.keys.p256dh, s.sub.keys.auth, s.now],
    );
    return { created: rows[0].inserted };
  });
}

export async function deleteSubscriptionOfSession(q: Queryable, sessionId: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM push_subscriptions WHERE session_id = $1', [sessionId]);
  return rowCount > 0;
}

export async function subscriptionOfSession(q: Queryable, sessionId: string): Promise<(PushTarget & { id: number }) | undefined> {
  const { rows } = await q.query<PushTarget & { id: number }>(
    'SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE session_id = $1',
    [sessionId],
  );
  return rows[0];
}

export async function regionalDigestOf(q: Queryable, userId: string): Promise<boolean> {
  const { rows } = await q.query<{ regional_digest: boolean }>('SELECT regional_digest FROM notification_preferences WHERE user_id = $1', [userId]);
  return rows[0]?.regional_digest ?? false;
}

export async function setRegionalDigest(q: Queryable, userId: string, on: boolean, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO notification_preferences (user_id, regional_digest, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET regional_digest = EXCLUDED.regional_digest, updated_at = EXCLUDED.updated_at`,
    [userId, on, now],
  );
}

/**
 * Records decisions not taken yet (ON CONFLICT on the key) and one delivery per live subscription
 * of each new decision's audience, in one statement. Returns the keys newly decided.
 */
export async function decide(q: Queryable, decisions: Decision[], now: Date): Promise<string[]> {
  if (!decisions.length) return [];
  const { rows } = await q.query<{ key: string }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(key text, audience text, subject text, payload jsonb)
     ), fresh AS (
       INSERT INTO notifications (key, kind, audience, subject, payload, created_at)
       SELECT key, payload ->> 'kind', audience, subject, payload, $1 FROM input
       ON CONFLICT (key) DO NOTHING
       RETURNING id, key, audience, subject
     ), deliveries AS (
       INSERT INTO push_deliveries (notification_id, subscription_id, next_attempt_at)
       SELECT f.id, s.id, $1 FROM fresh f
       JOIN push_subscriptions s ON true
       JOIN sessions se ON se.id = s.session_id
       JOIN users u ON u.id = s.user_id
       WHERE ${LIVE} AND (
         (f.audience = 'municipality' AND u.role = 'agent' AND u.municipality_code = f.subject)
         OR (f.audience = 'account' AND u.id::text = f.subject)
         OR (f.audience = 'subscription' AND s.id::text = f.subject))
       RETURNING 1
     )
     SELECT key FROM fresh`,
    [now, JSON.stringify(decisions)],
  );
  return rows.map((r) => r.key);
}

/** Keys of `keys` already decided (cheap filter before building payloads). */
export async function decidedKeys(q: Queryable, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const { rows } = await q.query<{ key: string }>('SELECT key FROM notifications WHERE key = ANY($1::text[])', [keys]);
  return new Set(rows.map((r) => r.key));
}

/** Subscriptions whose session was revoked or expired, or whose account was disabled, are removed. */
export async function pruneDeadSubscriptions(q: Queryable, now: Date): Promise<number> {
  const { rowCount } = await q.query(
    `DELETE FROM push_subscriptions s USING sessions se, users u
     WHERE se.id = s.session_id AND u.id = s.user_id AND NOT (${LIVE})`,
    [now],
  );
  return rowCount;
}

/** Decisions older than this are forgotten (their keys can no longer come back: every rule looks back less). */
export const KEEP_DECISIONS_DAYS = 90;

export async function pruneOldDecisions(q: Queryable, now: Date): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM notifications WHERE created_at < $1', [new Date(now.getTime() - KEEP_DECISIONS_DAYS * 86_400_000)]);
  return rowCount;
}

export interface ClaimedDelivery extends PushTarget {
  notificationId: number;
  subscriptionId: number;
  attempts: number;
  payload: PushPayload;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs` (FOR UPDATE SKIP LOCKED: two endpoint
 * processes never claim the same row). A process that dies mid-send leaves its rows to be
 * claimed again when the lease ends.
 */
export async function claimDeliveries(driver: Driver, now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return driver.transaction(async (tx) => {
    const { rows } = await tx.query<{
      notification_id: number; subscription_id: number; attempts: number; endpoint: string; p256dh: string; auth: string; payload: PushPayload;
    }>(
      `WITH due AS (
         SELECT d.notification_id, d.subscription_id FROM push_deliveries d
         WHERE d.sent_at IS NULL AND d.next_attempt_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until <= $1)
         ORDER BY d.next_attempt_at, d.notification_id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE push_deliveries d SET claimed_until = $3, attempts = d.attempts + 1
         FROM due WHERE d.notification_id = due.notification_id AND d.subscription_id = due.subscription_id
         RETURNING d.notification_id, d.subscription_id, d.attempts
       )
       SELECT c.notification_id, c.subscription_id, c.attempts, s.endpoint, s.p256dh, s.auth, n.payload
       FROM claimed c JOIN push_subscriptions s ON s.id = c.subscription_id JOIN notifications n ON n.id = c.notification_id`,
      [now, limit, new Date(now.getTime() + leaseMs)],
    );
    return rows.map((r) => ({
      notificationId: r.notification_id, subscriptionId: r.subscription_id, attempts: r.attempts,
      endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth, payload: r.payload,
    }));
  });
}

export async function markDelivered(q: Queryable, d: ClaimedDelivery, now: Date): Promise<void> {
  await q.query(
    'UPDATE push_deliveries SET sent_at = $3, claimed_until = NULL, last_error = NULL WHERE notification_id = $1 AND subscription_id = $2',
    [d.notificationId, d.subscriptionId, now],
  );
}

/** `retryAt` undefined: give up (the row stays, with its error, and is never claimed again). */
export async function markFailed(q: Queryable, d: ClaimedDelivery, error: string, retryAt: Date | undefined): Promise<void> {
  await q.query(
    `UPDATE push_deliveries SET claimed_until = NULL, last_error = $3, next_attempt_at = coalesce($4, 'infinity'::timestamptz)
     WHERE notification_id = $1 AND subscription_id = $2`,
    [d.notificationId, d.subscriptionId, error.slice(0, 500), retryAt ?? null],
  );
}

export async function deleteSubscription(q: Queryable, subscriptionId: number): Promise<void> {
  await q.query('DELETE FROM push_subscriptions WHERE id = $1', [subscriptionId]);
}
