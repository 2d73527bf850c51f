// first-load module: small observable values fed by main.tsx (service-worker updates, install
// prompt) and read by components through useStore. No side effects at import.
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(fn: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      listeners.forEach((fn) => fn(next));
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}

export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** A waiting service worker; `apply` activates it and reloads the page. */
export const updateAvailable = createStore<null | { apply: () => Promise<void> }>(null);
/** The deferred `beforeinstallprompt` event, while the app can be installed. */
export const installPrompt = createStore<BeforeInstallPromptEvent | null>(null);
/** True once the service worker has precached the app (it then works offline). */
export const offlineReady = createStore(false);

export interface SyncActivity {
  running: boolean;
  /** the last pass hit a 401 or found queued items with nobody signed in */
  needsSignIn: boolean;
}

/** The page's sync scheduler, set up by main.tsx (a no-op until then, e.g. in tests). */
export const syncActivity = createStore<SyncActivity>({ running: false, needsSignIn: false });
