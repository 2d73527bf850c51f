import type { MobilizaDb } from '../db/database';
import { completeItem, dueItems, outboxCount, outboxOf, patchItem, rejectItem } from '../db/outbox';
import { getSession, markSessionExpired, patchSyncState } from '../db/session';
import { createHttpClient, HttpError, type Fetch } from './http';
import { OUTBOX_LOCK, type LockManagerLike } from './locks';
import { pullStatus } from './pull-status';
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
    }

    if (outcome.kind === 'unauthorized') {
      await markSessionExpired(db);
      await patchItem(db, item, { progress: undefined, lastError: { code: 'session_expired' } });
      result.needsSignIn = true;
      return result; // every other request would get 401 too
    }
    if (outcome.kind === 'rejected') {
      await rejectItem(db, item, outcome.note, new Date(now()));
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
      await pullStatus(db, http, session, now);
      if (result.delivered === 0) await patchSyncState(db, { lastSuccessAt: new Date(now()).toISOString(), lastError: undefined });
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
  return result;
}
