// The endpoint's notification scheduler: each tick decides what is due (review decisions,
// deadline reminders, regional digests) into the notifications table, then sends due deliveries.
// Everything lives in the database, so a restart loses nothing and repeats nothing, and several
// endpoint processes can tick at once: deciding is idempotent by key, sending claims rows with
// FOR UPDATE SKIP LOCKED, and one advisory lock lets a single process decide at a time.
import { dateInBrazil, daysBetween, remindersDue } from '../../src/domain/deadline.ts';
import { municipalitiesOfRegional } from '../../src/domain/municipality.ts';
import type { Driver, Queryable } from '../store/driver.ts';
import { getDeadlineSettings } from '../deadlines/deadline-store.ts';
import { deadlinePayload, digestPayload, reviewPayload } from './notification-texts.ts';
import {
  claimDeliveries, decide, deleteSubscription, markDelivered, markFailed, pruneDeadSubscriptions, pruneOldDecisions,
  type ClaimedDelivery, type Decision,
} from './push-store.ts';
import { sendPush, type SendOutcome } from './push-send.ts';
import type { VapidDetails } from './vapid.ts';

export interface SchedulerConfig {
  /** time between ticks */
  intervalMs: number;
  /** deliveries claimed per batch, and batches per tick at most */
  batchSize: number;
  maxBatchesPerTick: number;
  /** how long a claimed delivery stays reserved to its sender */
  leaseMs: number;
  /** review decisions older than this are not notified any more */
  reviewLookbackMs: number;
  /** the regional digest goes out from this hour (Minas Gerais time) */
  digestHour: number;
  /** a delivery is given up after this many attempts */
  maxAttempts: number;
}

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  intervalMs: 60_000,
  batchSize: 50,
  maxBatchesPerTick: 20,
  leaseMs: 5 * 60_000,
  reviewLookbackMs: 7 * 86_400_000,
  digestHour: 8,
  maxAttempts: 8,
};

export interface SchedulerDeps {
  driver: Driver;
  vapid: VapidDetails;
  now: () => Date;
  fetch: typeof fetch;
  config?: Partial<SchedulerConfig>;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface TickResult {
  /** false when another process held the deciding lock */
  decidedHere: boolean;
  decided: number;
  sent: number;
  gone: number;
  failed: number;
}

const DECIDE_LOCK = `hashtextextended('mobiliza:notifications:decide', 0)`;
const KIND_OF = { return: 'report_returned', approve: 'report_approved', consolidate: 'report_consolidated' } as const;

/** Review decisions of the last days not notified yet; a return the agent already answered is skipped. */
async function reviewDecisions(q: Queryable, now: Date, lookbackMs: number): Promise<Decision[]> {
  const { rows } = await q.query<{ id: number; decision: 'return' | 'approve' | 'consolidate'; comment: string | null; report_id: string; municipality_code: string; period: string }>(
    `SELECT v.id, v.decision, v.comment, r.id AS report_id, r.municipality_code, r.period
     FROM reviews v JOIN reports r ON r.id = v.report_id
     WHERE v.created_at > $1 AND v.revision = r.revision
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = (CASE v.decision WHEN 'return' THEN 'report_returned'
         WHEN 'approve' THEN 'report_approved' ELSE 'report_consolidated' END) || ':' || r.municipality_code || ':' || r.period || ':' || v.id)
     ORDER BY v.id`,
    [new Date(now.getTime() - lookbackMs)],
  );
  return rows.map((r) => {
    const kind = KIND_OF[r.decision];
    return {
      key: `${kind}:${r.municipality_code}:${r.period}:${r.id}`,
      audience: 'municipality' as const,
      subject: r.municipality_code,
      payload: reviewPayload(kind, { reportId: r.report_id, period: r.period, comment: r.comment }),
    };
  });
}

/** "Prazo se aproxima" / "prazo vencido" to municipalities with a subscribed agent and no report for the month. */
async function deadlineDecisions(q: Queryable, now: Date): Promise<Decision[]> {
  const today = dateInBrazil(now);
  const due = remindersDue(today, await getDeadlineSettings(q));
  const out: Decision[] = [];
  for (const r of due) {
    const { rows } = await q.query<{ code: string }>(
      `SELECT DISTINCT u.municipality_code AS code FROM push_subscriptions s
       JOIN sessions se ON se.id = s.session_id JOIN users u ON u.id = s.user_id
       WHERE u.role = 'agent' AND se.revoked_at IS NULL AND se.expires_at > $1 AND u.disabled_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM reports rp WHERE rp.municipality_code = u.municipality_code AND rp.period = $2)
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = $3 || ':' || u.municipality_code || ':' || $2)`,
      [now, r.period, r.kind],
    );
    const payload = deadlinePayload(r.kind, r.period, r.dueDate, daysBetween(today, r.dueDate));
    for (const { code } of rows) out.push({ key: `${r.kind}:${code}:${r.period}`, audience: 'municipality', subject: code, payload });
  }
  return out;
}

/** Once a day from `digestHour`: to regional accounts that opted in, how many reports wait for review. */
async function digestDecisions(q: Queryable, now: Date, digestHour: number): Promise<Decision[]> {
  const local = new Date(now.getTime() - 3 * 3600_000);
  if (local.getUTCHours() < digestHour) return [];
  const today = dateInBrazil(now);
  const { rows: users } = await q.query<{ id: string; regional: string }>(
    `SELECT u.id, u.regional FROM users u JOIN notification_preferences p ON p.user_id = u.id
     WHERE u.role = 'regional' AND p.regional_digest AND u.disabled_at IS NULL
       AND EXISTS (SELECT 1 FROM push_subscriptions s JOIN sessions se ON se.id = s.session_id
                   WHERE s.user_id = u.id AND se.revoked_at IS NULL AND se.expires_at > $1)
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = 'regional_digest:' || u.id || ':' || $2)`,
    [now, today],
  );
  const out: Decision[] = [];
  for (const u of users) {
    const codes = municipalitiesOfRegional(u.regional).map((m) => m.code);
    const { rows } = await q.query<{ waiting: number; fresh: number }>(
      `SELECT count(*) AS waiting, count(*) FILTER (WHERE received_at > $2) AS fresh FROM reports
       WHERE status = 'received' AND municipality_code = ANY($1::text[])`,
      [codes, new Date(now.getTime() - 86_400_000)],
    );
    const { waiting, fresh } = rows[0];
    if (waiting > 0) out.push({ key: `regional_digest:${u.id}:${today}`, audience: 'account', subject: u.id, payload: digestPayload(waiting, fresh) });
  }
  return out;
}

/** Retry schedule of a delivery: 1, 5, 15, 60 minutes, then every 3 hours. */
export function retryDelayMs(attempts: number): number {
  const minutes = [1, 5, 15, 60][attempts - 1] ?? 180;
  return minutes * 60_000;
}

/** One pass: decide what is due (if no other process is deciding), then send due deliveries. */
export async function runNotificationTick(deps: SchedulerDeps): Promise<TickResult> {
  const config = { ...DEFAULT_SCHEDULER_CONFIG, ...deps.config };
  const { driver } = deps;
  const result: TickResult = { decidedHere: false, decided: 0, sent: 0, gone: 0, failed: 0 };
  const now = deps.now();
  await driver.transaction(async (tx) => {
    const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${DECIDE_LOCK}) AS locked`);
    if (!rows[0].locked) return;
    result.decidedHere = true;
    await pruneDeadSubscriptions(tx, now);
    await pruneOldDecisions(tx, now);
    const decisions = [
      ...(await reviewDecisions(tx, now, config.reviewLookbackMs)),
      ...(await deadlineDecisions(tx, now)),
      ...(await digestDecisions(tx, now, config.digestHour)),
    ];
    result.decided = (await decide(tx, decisions, now)).length;
  });
  for (let batch = 0; batch < config.maxBatchesPerTick; batch++) {
    const claimed = await claimDeliveries(driver, deps.now(), config.batchSize, config.leaseMs);
    if (!claimed.length) break;
    for (const d of claimed) await deliver(deps, config, d, result);
    if (claimed.length < config.batchSize) break;
  }
  if (result.decided || result.sent || result.gone || result.failed) deps.log?.info({ ...result }, 'notifications tick');
  return result;
}

async function deliver(deps: SchedulerDeps, config: SchedulerConfig, d: ClaimedDelivery, result: TickResult): Promise<SendOutcome> {
  const outcome = await sendPush(deps.fetch, deps.vapid, d, d.payload);
  const now = deps.now();
  switch (outcome.outcome) {
    case 'sent':
      result.sent++;
      await markDelivered(deps.driver, d, now);
      break;
    case 'gone':
      result.gone++;
      await deleteSubscription(deps.driver, d.subscriptionId);
      break;
    case 'retry':
    case 'refused': {
      result.failed++;
      const again = outcome.outcome === 'retry' && d.attempts < config.maxAttempts;
      await markFailed(deps.driver, d, outcome.error, again ? new Date(now.getTime() + retryDelayMs(d.attempts)) : undefined);
      deps.log?.warn({ kind: d.payload.kind, error: outcome.error, attempts: d.attempts, givenUp: !again }, 'push delivery failed');
      break;
    }
  }
  return outcome;
}

/** Sends one delivery at once (the "Enviar notificação de teste" button), outside the tick. */
export async function deliverNow(deps: SchedulerDeps, notificationKey: string): Promise<SendOutcome | undefined> {
  const config = { ...DEFAULT_SCHEDULER_CONFIG, ...deps.config };
  const claimed = await driverClaimOne(deps.driver, notificationKey, deps.now(), config.leaseMs);
  if (!claimed) return undefined;
  return deliver(deps, config, claimed, { decidedHere: false, decided: 0, sent: 0, gone: 0, failed: 0 });
}

async function driverClaimOne(driver: Driver, key: string, now: Date, leaseMs: number): Promise<ClaimedDelivery | undefined> {
  const { rows } = await driver.query<{ notification_id: number; subscription_id: number; attempts: number; endpoint: string; p256dh: string; auth: string; payload: ClaimedDelivery['payload'] }>(
    `WITH claimed AS (
       UPDATE push_deliveries d SET claimed_until = $3, attempts = d.attempts + 1
       FROM notifications n WHERE n.id = d.notification_id AND n.key = $1 AND d.sent_at IS NULL
         AND (d.claimed_until IS NULL OR d.claimed_until <= $2)
       RETURNING d.notification_id, d.subscription_id, d.attempts, n.payload
     )
     SELECT c.*, s.endpoint, s.p256dh, s.auth FROM claimed c JOIN push_subscriptions s ON s.id = c.subscription_id`,
    [key, now, new Date(now.getTime() + leaseMs)],
  );
  const r = rows[0];
  return r && { notificationId: r.notification_id, subscriptionId: r.subscription_id, attempts: r.attempts, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth, payload: r.payload };
}

/**
 * Ticks every intervalMs until stopped (one tick at a time in this process); `wake()` runs one
 * soon, e.g. right after a review decision. Errors are logged and the next tick tries again.
 */
export function startNotificationScheduler(deps: SchedulerDeps) {
  const config = { ...DEFAULT_SCHEDULER_CONFIG, ...deps.config };
  let running: Promise<TickResult | undefined> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): Promise<TickResult | undefined> => {
    running ??= runNotificationTick(deps)
      .catch((err: Error) => {
        deps.log?.warn({ err: { type: err.name, message: err.message } }, 'notifications tick failed');
        return undefined;
      })
      .finally(() => { running = undefined; });
    return running;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick().then(() => schedule(config.intervalMs)), ms);
    timer.unref();
  };
  // The first tick soon after start: what came due while the endpoint was down goes out now.
  schedule(Math.min(5_000, config.intervalMs));
  return {
    tick,
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
