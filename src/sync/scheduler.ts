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
}

/**
 * One drain at a time per page, whatever triggered it; a trigger during a drain runs one more pass
 * afterwards. While items wait, a timer fires at the earliest nextAttemptAt (checked at least every
 * `maxWaitMs`), so the queue moves without a reload.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: unknown;

  const plan = (nextDueAt: number | undefined) => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    if (nextDueAt === undefined) return;
    const wait = Math.min(Math.max(nextDueAt - deps.now(), 250), deps.maxWaitMs ?? 60_000);
    timer = deps.setTimer(() => {
      timer = undefined;
      void trigger();
    }, wait);
  };

  const pass = async () => {
    try {
      const result = await deps.drain();
      deps.onResult?.(result);
      plan(result.skipped ? deps.now() + 5_000 : result.nextDueAt);
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
