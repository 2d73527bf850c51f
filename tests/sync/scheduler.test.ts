import { describe, expect, it } from 'vitest';
import type { DrainResult } from '../../src/sync/drain-outbox';
import { createSyncScheduler } from '../../src/sync/scheduler';

const idle: DrainResult = { delivered: 0, retrying: 0, rejected: 0, needsSignIn: false };

function setUp(results: DrainResult[]) {
  let now = 1_000_000;
  const timers: { fn: () => void; at: number }[] = [];
  let calls = 0;
  let release: (() => void) | undefined;
  const scheduler = createSyncScheduler({
    drain: () => {
      calls++;
      const r = results.shift() ?? idle;
      return new Promise((resolve) => (release = () => resolve(r)));
    },
    now: () => now,
    setTimer: (fn, ms) => timers.push({ fn, at: now + ms }) - 1,
    clearTimer: (h) => void (timers[h as number] = { fn: () => {}, at: Infinity }),
    maxWaitMs: 60_000,
  });
  return {
    scheduler,
    calls: () => calls,
    finish: async () => {
      release?.();
      await new Promise((r) => setTimeout(r, 0));
    },
    timers,
    advance: (ms: number) => {
      now += ms;
      timers.filter((t) => t.at <= now).forEach((t) => {
        t.at = Infinity;
        t.fn();
      });
    },
  };
}

describe('createSyncScheduler', () => {
  it('runs one drain at a time; triggers during a drain cause exactly one more pass', async () => {
    const s = setUp([]);
    void s.scheduler.trigger();
    void s.scheduler.trigger();
    void s.scheduler.trigger();
    expect(s.calls()).toBe(1);
    await s.finish();
    expect(s.calls()).toBe(2);
    await s.finish();
    expect(s.calls()).toBe(2);
  });

  it('plans the next pass at the earliest nextAttemptAt, checking at least once a minute', async () => {
    const s = setUp([{ ...idle, retrying: 1, nextDueAt: 1_000_000 + 4_000 }, { ...idle, retrying: 1, nextDueAt: 1_000_000 + 600_000 }]);
    void s.scheduler.trigger();
    await s.finish();
    s.advance(3_999);
    expect(s.calls()).toBe(1);
    s.advance(1);
    expect(s.calls()).toBe(2);
    await s.finish();
    s.advance(60_000);
    expect(s.calls()).toBe(3);
  });

  it('keeps no timer when nothing waits', async () => {
    const s = setUp([]);
    void s.scheduler.trigger();
    await s.finish();
    s.advance(10 * 60_000);
    expect(s.calls()).toBe(1);
  });
});
