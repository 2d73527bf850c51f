import { isAbortError } from '../../domain/errors';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MobilizaDb } from '../../db/database';
import { readCache, writeCache } from '../../db/remote-cache';
import { RemoteError } from './review-api';

export interface Remote<T> {
  data?: T;
  /** when `data` was loaded from the server (ISO) */
  savedAt?: string;
  /** true while `data` is the cached copy and the server has not answered yet (or failed) */
  fromCache: boolean;
  loading: boolean;
  error?: RemoteError;
  reload(): void;
  /** replaces `data` with what the screen learnt by itself (e.g. one more page), and caches it */
  update(data: T): void;
}

export interface RemoteOptions {
  /**
   * Refresh quietly every `refreshMs` while the page is visible (doubling after each failure, up to
   * 5 minutes), and at once when the window comes back (focus, visibility, online). The data stays
   * on screen meanwhile: no "Carregando…" flash; an unchanged answer (a 304) changes nothing but
   * `savedAt`.
   */
  refreshMs?: number;
}

/** Longest wait between two quiet refreshes after failures. */
export const MAX_REFRESH_MS = 5 * 60_000;
/** A focus and a visibility change arrive together: one refresh for both. */
const WAKE_GAP_MS = 2_000;

/**
 * Shows the cached copy at once, then asks the server; a fresh answer replaces the copy and is
 * cached. On failure the copy stays on screen with the error.
 */
export function useRemote<T>(db: MobilizaDb, key: string, load: (signal: AbortSignal) => Promise<T>, options: RemoteOptions = {}): Remote<T> {
  const [state, setState] = useState<Omit<Remote<T>, 'reload' | 'update'> & { key: string }>({ key, fromCache: false, loading: true });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shownRef = useRef(state);
  shownRef.current = state;
  useEffect(() => {
    const controller = new AbortController();
    let live = true;
    // Another key: forget the other data; the same key (reload): keep it on screen.
    setState((s) => (s.key === key ? { ...s, loading: true, error: undefined } : { key, fromCache: false, loading: true }));
    void (async () => {
      const cached = await readCache<T>(db, key).catch(() => undefined);
      if (live && cached) setState((s) => (s.data && !s.fromCache ? s : { ...s, data: cached.data, savedAt: cached.savedAt, fromCache: true }));
      try {
        const data = await load(controller.signal);
        if (!live) return;
        const savedAt = new Date().toISOString();
        setState({ key, data, savedAt, fromCache: false, loading: false });
        await writeCache(db, key, data).catch(() => {});
      } catch (error) {
        if (!live || isAbortError(error)) return;
        const e = error instanceof RemoteError ? error : new RemoteError('server');
        setState((s) => ({ ...s, loading: false, error: e }));
      }
    })();
    return () => {
      live = false;
      controller.abort();
    };
    // `load` is a new closure on every render; the key says when to reload
  }, [db, key, attempt]);

  const { refreshMs } = options;
  useEffect(() => {
    if (!refreshMs) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let last = Date.now();
    let controller: AbortController | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (live && !document.hidden) timer = setTimeout(run, Math.min(MAX_REFRESH_MS, refreshMs * 2 ** failures));
    };
    const run = async () => {
      if (controller) return; // one refresh at a time
      last = Date.now();
      controller = new AbortController();
      let stop = false;
      try {
        const data = await loadRef.current(controller.signal);
        if (!live) return;
        failures = 0;
        const savedAt = new Date().toISOString();
        const changed = shownRef.current.data !== data;
        setState((s) => (s.key === key ? { ...s, data, savedAt, fromCache: false, loading: false, error: undefined } : s));
        if (changed) await writeCache(db, key, data).catch(() => {});
      } catch (error) {
        if (!live || isAbortError(error)) return;
        const e = error instanceof RemoteError ? error : new RemoteError('server');
        failures++;
        stop = e.kind === 'expired'; // asking again will not help: "Entre de novo"
        setState((s) => (s.key === key ? { ...s, error: e } : s));
      } finally {
        controller = undefined;
        if (!stop) schedule();
      }
    };
    const wake = () => {
      if (document.hidden) clearTimeout(timer);
      else if (Date.now() - last > WAKE_GAP_MS) void run();
      else schedule();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('focus', wake);
    window.addEventListener('online', wake);
    schedule();
    return () => {
      live = false;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('focus', wake);
      window.removeEventListener('online', wake);
    };
  }, [db, key, refreshMs]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((data: T) => {
    setState((s) => (s.key === key ? { ...s, data } : s));
    void writeCache(db, key, data).catch(() => {});
  }, [db, key]);
  const { key: shownKey, ...shown } = state;
  return shownKey === key ? { ...shown, reload, update } : { fromCache: false, loading: true, reload, update };
}
