/**
 * Autosave engine: coalesces edits and writes the latest value after `delay` ms (or at once on
 * flush). Writes never overlap and never reorder; a failed write keeps the value pending so the
 * next edit or flush retries it. "saved" is reported only after the write has resolved.
 */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave<T> {
  schedule(value: T): void;
  flush(): Promise<void>;
  /** For `pagehide`: hands the pending value to the synchronous writer, then flushes as usual. */
  flushNow(): Promise<void>;
  readonly status: SaveStatus;
  dispose(): Promise<void>;
}

export function createAutosave<T>(
  write: (value: T) => Promise<void>,
  onStatus: (status: SaveStatus, error?: unknown) => void,
  delay = 400,
  writeNow?: (value: T) => void,
): Autosave<T> {
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let status: SaveStatus = 'idle';
  const set = (s: SaveStatus, error?: unknown) => {
    status = s;
    onStatus(s, error);
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return chain;
    const { value } = pending;
    pending = undefined;
    set('saving');
    chain = chain.then(async () => {
      try {
        await write(value);
        if (!pending) set('saved');
      } catch (error) {
        pending ??= { value };
        set('error', error);
      }
    });
    return chain;
  };

  return {
    schedule(value: T) {
      pending = { value };
      set('pending');
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delay);
    },
    flush,
    flushNow() {
      if (pending && writeNow) writeNow(pending.value);
      return flush();
    },
    get status() {
      return status;
    },
    dispose: flush,
  };
}
