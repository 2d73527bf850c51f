import { isAbortError } from '../../domain/errors';
import { useCallback, useEffect, useState } from 'preact/hooks';
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
}

/**
 * Shows the cached copy at once, then asks the server; a fresh answer replaces the copy and is
 * cached. On failure the copy stays on screen with the error.
 */
export function useRemote<T>(db: MobilizaDb, key: string, load: (signal: AbortSignal) => Promise<T>): Remote<T> {
  const [state, setState] = useState<Omit<Remote<T>, 'reload'> & { key: string }>({ key, fromCache: false, loading: true });
  const [attempt, setAttempt] = useState(0);
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
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const { key: shownKey, ...shown } = state;
  return shownKey === key ? { ...shown, reload } : { fromCache: false, loading: true, reload };
}
