import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createAutosave, type SaveStatus } from '../autosave';

/**
 * Binds an autosave to a component: writes within 400 ms of the last change, and at once on
 * blur (call `flush`), when the page is hidden, on `pagehide` (through `writeNow`, the synchronous
 * last-chance writer) and on unmount.
 */
export function useAutosave<T>(write: (value: T) => Promise<void>, writeNow?: (value: T) => void) {
  const [state, setState] = useState<{ status: SaveStatus; error?: unknown }>({ status: 'idle' });
  const writers = useRef({ write, writeNow });
  writers.current = { write, writeNow };
  const saver = useMemo(
    () =>
      createAutosave<T>(
        (v) => writers.current.write(v),
        (status, error) => setState({ status, error }),
        400,
        (v) => writers.current.writeNow?.(v),
      ),
    [],
  );
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saver.flush();
    };
    const onPageHide = () => void saver.flushNow();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void saver.dispose();
    };
  }, [saver]);
  return { schedule: saver.schedule, flush: saver.flush, ...state };
}
