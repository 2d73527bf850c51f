// first-load module
import type { DrainResult } from './drain-outbox';

export interface SchedulerDeps {
  drain: () => Promise<DrainResult>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  onResult?: (result: DrainResult | { error: unknown }) => void;
  /** ceiling for the periodic check while something is waiting */
  maxWaitMs?: number;
  /** how often statuses are pulled while a sent report awaits the regional's decision (default 3 min) */
  decisionPollMs?: number;
}

export const DECISION_POLL_MS = 3 * 60_000;

/**
 * One drain at a time per page, whatever triggered it; a trigger during a drain runs one more pass
 * afterwards. While items wait, a timer fires at the earliest nextAttemptAt (checked at least every
 * `maxWaitMs`), so the queue moves without a reload.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: unknown;

  const plan = (nextDueAt: number | undefined, ceiling = deps.maxWaitMs ?? 60_000) => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    if (nextDueAt === undefined) return;
    const wait = Math.min(Math.max(nextDueAt - deps.now(), 250), ceiling);
    timer = deps.setTimer(() => {
      timer = undefined;
      void trigger();
    }, wait);
  };

  const pass = async () => {
    try {
      const result = await deps.drain();
      deps.onResult?.(result);
      const pollMs = deps.decisionPollMs ?? DECISION_POLL_MS;
      if (result.skipped) plan(deps.now() + 5_000);
      else if (result.nextDueAt !== undefined) plan(result.nextDueAt);
      else if (result.awaitingDecision) plan(deps.now() + pollMs, pollMs);
      else plan(undefined);
    } catch (error) {
      deps.onResult?.({ error });
      plan(deps.now() + 30_000);
    }
  };

  function trigger(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again);
      running = null;
    })();
    return running;
  }

  return { trigger, dispose: () => plan(undefined) };
}
