import type { MobilizaDb } from '../db/database';
import { completeItem, dueItems, outboxCount, outboxOf, patchItem, rejectItem } from '../db/outbox';
import { getSession, markSessionExpired, patchSyncState } from '../db/session';
import { createHttpClient, HttpError, type Fetch } from './http';
import { OUTBOX_LOCK, type LockManagerLike } from './locks';
import { fetchSummaries, pullStatus } from './pull-status';
import { pullHistory } from './pull-history';
import type { Session } from '../domain/session';
import type { HttpClient } from './http';
import { ExistingReportSchema, type ExistingReport } from '../domain/api';
import { awaitingDecision, setConflict } from '../db/history';
import { backoffDelay, classifyFailure, classifyResponse, type Outcome } from './retry-policy';
import { sendReport } from './send-report';

export interface DrainDeps {
  db: MobilizaDb;
  fetch: Fetch;
  /** epoch ms */
  now: () => number;
  signal?: AbortSignal;
  /** endpoint origin ('' = same origin) */
  baseUrl: string;
  /** navigator.locks (page and service worker share it) */
  locks: LockManagerLike;
  random?: () => number;
  /** per-request timeout by body size (default: timeoutFor) */
  requestTimeoutMs?: (bytes: number) => number;
  /** more to download with the status pull (the page: the partner registry, #16; best effort) */
  afterPull?: (http: HttpClient, session: Session) => Promise<unknown>;
}

export interface DrainResult {
  /** another context holds the lock and is sending */
  skipped?: boolean;
  delivered: number;
  retrying: number;
  rejected: number;
  needsSignIn: boolean;
  /** earliest nextAttemptAt still waiting, for the page's timer */
  nextDueAt?: number;
  /** a delivered report waits for a decision: the page pulls statuses every few minutes */
  awaitingDecision?: boolean;
}

/**
 * One pass over the outbox under a Web Lock, so only one context (tab or service worker) sends at
 * a time. Every due item of the signed-in account is tried; one bad report never blocks the others.
 * After a pass that delivered something or found nothing to do, the reports' status is pulled.
 */
export async function drainOutbox(deps: DrainDeps): Promise<DrainResult> {
  return deps.locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) return { skipped: true, delivered: 0, retrying: 0, rejected: 0, needsSignIn: false };
    return drainLocked(deps);
  });
}

async function drainLocked(deps: DrainDeps): Promise<DrainResult> {
  const { db, now, random = Math.random } = deps;
  const result: DrainResult = { delivered: 0, retrying: 0, rejected: 0, needsSignIn: false };
  const session = await getSession(db);
  if (!session || session.expired) {
    result.needsSignIn = (await outboxCount(db)) > 0;
    return result;
  }
  const http = createHttpClient({ fetch: deps.fetch, baseUrl: deps.baseUrl, token: session.token, signal: deps.signal, timeoutMs: deps.requestTimeoutMs });
  const tried = new Set<string>();

  for (;;) {
    deps.signal?.throwIfAborted();
    const item = (await dueItems(db, session.user.id, now())).find((i) => !tried.has(`${i.reportId}@${i.revision}`));
    if (!item) break;
    tried.add(`${item.reportId}@${item.revision}`);
    await patchSyncState(db, { lastAttemptAt: new Date(now()).toISOString() });

    let outcome: Outcome;
    let conflict: ExistingReport | undefined;
    try {
      const sent = await sendReport(db, http, item, now);
      if (sent.kind === 'delivered') {
        await completeItem(db, item, sent.receipt);
        await patchSyncState(db, { lastSuccessAt: new Date(now()).toISOString(), lastError: undefined });
        result.delivered++;
        continue;
      }
      outcome = { kind: 'rejected', note: { code: 'photo_missing' } };
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      outcome = error instanceof HttpError ? classifyResponse(error.status, error.body, error.retryAfter) : classifyFailure(error);
      conflict = periodTaken(error);
    }

    if (outcome.kind === 'unauthorized') {
      await markSessionExpired(db);
      await patchItem(db, item, { progress: undefined, lastError: { code: 'session_expired' } });
      result.needsSignIn = true;
      return result; // every other request would get 401 too
    }
    if (outcome.kind === 'rejected') {
      await rejectItem(db, item, outcome.note, new Date(now()));
      // The month already has a report at the endpoint: keep the draft, remember which report.
      if (conflict) await setConflict(db, item.reportId, conflict);
      result.rejected++;
      continue;
    }
    const attempts = item.attempts + 1;
    const delay = Math.max(backoffDelay(attempts, random), outcome.retryAfterMs ?? 0);
    await patchItem(db, item, { attempts, nextAttemptAt: now() + delay, lastError: outcome.note, progress: undefined });
    await patchSyncState(db, { lastError: outcome.note });
    result.retrying++;
  }

  // "After each successful drain": something was delivered, or nothing of this account waits.
  if (result.retrying === 0 && (result.delivered > 0 || (await outboxOf(db, session.user.id)).length === 0)) {
    try {
      const summaries = await fetchSummaries(http, session);
      // The municipality's reports follow the agent: months this phone lacks (or newer revisions of
      // what it only mirrors) are downloaded first, then the statuses applied.
      await pullHistory(db, http, session, now, summaries);
      await pullStatus(db, session, summaries, now);
      if (result.delivered === 0) await patchSyncState(db, { lastSuccessAt: new Date(now()).toISOString(), lastError: undefined });
      await deps.afterPull?.(http, session).catch(() => undefined);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        await markSessionExpired(db);
        result.needsSignIn = true;
      }
      // otherwise: status pull is best effort; the next drain tries again
    }
  }
  const next = (await outboxOf(db, session.user.id)).map((w) => w.nextAttemptAt);
  if (next.length) result.nextDueAt = Math.min(...next);
  result.awaitingDecision = await awaitingDecision(db, session.user.id);
  return result;
}

/** The existing report of a 409 period_taken answer, if that is what the endpoint said. */
function periodTaken(error: unknown): ExistingReport | undefined {
  if (!(error instanceof HttpError) || error.status !== 409 || error.body?.error?.code !== 'period_taken') return undefined;
  const parsed = ExistingReportSchema.safeParse((error.body.error as { existing?: unknown }).existing);
  return parsed.success ? parsed.data : undefined;
}
