import { describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveStatus } from '../../src/ui/autosave';

describe('createAutosave', () => {
  it('coalesces edits and writes the latest value once after the delay', async () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const statuses: SaveStatus[] = [];
    const saver = createAutosave<string>(async (v) => void writes.push(v), (s) => statuses.push(s), 400);
    saver.schedule('a');
    saver.schedule('ab');
    await vi.advanceTimersByTimeAsync(399);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await saver.flush();
    expect(writes).toEqual(['ab']);
    expect(statuses.at(-1)).toBe('saved');
    vi.useRealTimers();
  });

  it('says "saved" only after the write resolved, and keeps a failed value for the next try', async () => {
    let fail = true;
    let release!: () => void;
    const writes: string[] = [];
    const statuses: SaveStatus[] = [];
    const saver = createAutosave<string>(
      async (v) => {
        await new Promise<void>((r) => (release = r));
        if (fail) throw new Error('QuotaExceededError');
        writes.push(v);
      },
      (s) => statuses.push(s),
    );
    saver.schedule('x');
    const done = saver.flush();
    await Promise.resolve();
    expect(statuses).toEqual(['pending', 'saving']);
    release();
    await done;
    expect(saver.status).toBe('error');
    fail = false;
    const retry = saver.flush();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await retry;
    expect(writes).toEqual(['x']);
    expect(saver.status).toBe('saved');
  });

  it('never overlaps writes and keeps their order', async () => {
    const log: string[] = [];
    const saver = createAutosave<number>(async (v) => {
      log.push(`start ${v}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${v}`);
    }, () => {});
    saver.schedule(1);
    const a = saver.flush();
    saver.schedule(2);
    const b = saver.flush();
    await Promise.all([a, b]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});
