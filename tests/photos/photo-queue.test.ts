import { describe, expect, it } from 'vitest';
import { createPhotoQueue, type QueueProgress } from '../../src/photos/photo-queue';

const file = (name: string) => new File([new Uint8Array([1])], name);
const deferred = () => {
  let resolve!: (v: string) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const pending = new Map<string, ReturnType<typeof deferred>>();
  const progress: (QueueProgress | null)[] = [];
  const done: string[] = [];
  const errors: string[] = [];
  let active = 0;
  let maxActive = 0;
  const queue = createPhotoQueue<string>(
    (signal, f) => {
      const d = deferred();
      pending.set(f.name, d);
      active++;
      maxActive = Math.max(maxActive, active);
      signal.addEventListener('abort', () => d.reject(signal.reason));
      return d.promise.finally(() => active--);
    },
    { onProgress: (p) => progress.push(p), onDone: (f, r) => done.push(`${f.name}=${r}`), onError: (f) => errors.push(f.name) },
  );
  return { queue, pending, progress, done, errors, maxActive: () => maxActive };
}

describe('createPhotoQueue', () => {
  it('processes one photo at a time with "k de n" progress, and reports each result', async () => {
    const s = setup();
    s.queue.add([file('a'), file('b')]);
    await tick();
    expect(s.queue.busy).toBe(true);
    s.queue.add([file('c')]);
    s.pending.get('a')!.resolve('A');
    await tick();
    s.pending.get('b')!.reject(new Error('corrupt'));
    await tick();
    s.pending.get('c')!.resolve('C');
    await tick();
    expect(s.maxActive()).toBe(1);
    expect(s.done).toEqual(['a=A', 'c=C']);
    expect(s.errors).toEqual(['b']);
    expect(s.progress).toEqual([
      { current: 1, total: 2, fileName: 'a' },
      { current: 2, total: 3, fileName: 'b' },
      { current: 3, total: 3, fileName: 'c' },
      null,
    ]);
    expect(s.queue.busy).toBe(false);
  });

  it('Cancel stops the current photo silently and drops the rest', async () => {
    const s = setup();
    s.queue.add([file('a'), file('b')]);
    await tick();
    s.queue.cancel();
    await tick();
    expect(s.errors).toEqual([]);
    expect(s.done).toEqual([]);
    expect(s.pending.has('b')).toBe(false);
    expect(s.progress.at(-1)).toBeNull();
    // a new batch starts counting again
    s.queue.add([file('c')]);
    await tick();
    expect(s.progress.at(-1)).toEqual({ current: 1, total: 1, fileName: 'c' });
  });
});
