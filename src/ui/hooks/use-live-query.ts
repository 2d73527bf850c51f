// first-load module
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Re-runs `query` whenever the Dexie tables it read change (like dexie-react-hooks). `initial`: a
 * value already read for the first render (src/db/first-screen.ts); the query still runs and wins.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
    // only these inputs decide when to run again (the callback is a new closure each render)
  }, deps);
  return value;
}
