// first-load module: the page's only entry — open the database, render, register the service
// worker, and wire the sync triggers (start-up, online, visible, timer, "Tentar agora", "Enviar").
import { render } from 'preact';
import { openDatabase } from './db/database';
import { readFirstScreen, readFirstScreenQuick, type FirstScreen } from './db/first-screen';
import { readSnapshot, storageHere } from './db/first-screen-snapshot';
import { replayJournal } from './db/put-now';
import { bicLibUrl, platformAvailable } from './photos/fallback-library';
import { CACHE_RUNTIME_MESSAGE } from './sync/config';
import { connectDelivery } from './sync/request-delivery';
import { createSyncScheduler } from './sync/scheduler';
import { App } from './ui/App';
import { installPrompt, offlineReady, syncActivity, updateAvailable, type BeforeInstallPromptEvent } from './ui/app-events';
import { parseRoute } from './ui/hooks/use-route';
import { whenIdle } from './ui/idle';
import './ui/styles.css';

performance.mark('mobiliza:main'); // start-up phases, read by tests/bench/open.ts
const db = openDatabase();
// The list shown at the last open paints first (src/db/first-screen-snapshot.ts: localStorage, read
// synchronously), and the live queries replace it as soon as IndexedDB answers.
const snapshot = parseRoute(location.hash).name === 'list' ? readSnapshot(storageHere(), db.verno) : undefined;
const firstScreen: Promise<FirstScreen | undefined> = snapshot
  ? Promise.resolve(snapshot)
  : // The home screen's data is read straight from IndexedDB before Dexie opens (issue #17: on a slow
    // phone Dexie's open cost more than the read), so the first render is the list itself. When that
    // quick read steps aside (first visit, a schema upgrade pending, or edits saved at the last moment
    // before a tab closed), the journal goes back into its rows first, then the same read runs through Dexie.
    readFirstScreenQuick(indexedDB, db.verno * 10)
      .catch(() => undefined)
      .then(
        (quick) =>
          quick ??
          replayJournal(db)
            .catch((error) => console.error('journal replay failed', error))
            .then(() => readFirstScreen(db)),
      )
      .catch((error) => {
        console.error('first screen read failed', error);
        return undefined;
      });
void firstScreen.then((first) => {
  performance.mark('mobiliza:read');
  const root = document.getElementById('app')!;
  root.textContent = ''; // drop the boot placeholder
  render(<App db={db} first={first} />, root);
  performance.mark('mobiliza:render');
  // painted from the snapshot: edits saved at the last moment go back into their rows now (a row
  // edited since is newer and stays; the live queries show the result)
  if (snapshot) void replayJournal(db).catch((error) => console.error('journal replay failed', error));
  // the sync engine loads after the first screen is usable (a cheap phone parses it in ~100 ms)
  whenIdle(() => void scheduler.trigger());
});

const scheduler = createSyncScheduler({
  // The engine (and zod, which it uses to read answers) loads after the first paint.
  drain: async () => {
    const { drainPage } = await import('./sync/drain-page');
    syncActivity.set({ ...syncActivity.get(), running: true });
    try {
      const result = await drainPage(db);
      syncActivity.set({ ...syncActivity.get(), needsSignIn: result.needsSignIn });
      return result;
    } finally {
      syncActivity.set({ ...syncActivity.get(), running: false });
    }
  },
  now: Date.now,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as number),
  onResult: (r) => 'error' in r && console.error('sync failed', r.error),
  // while a sent report awaits a decision; tests shorten it with localStorage 'mobiliza:decisionPollMs'
  decisionPollMs: Number(localStorage.getItem('mobiliza:decisionPollMs')) || undefined,
});
connectDelivery({ db, trigger: () => void scheduler.trigger() });
window.addEventListener('online', () => void scheduler.trigger());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void scheduler.trigger();
});

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installPrompt.set(event as BeforeInstallPromptEvent);
});
window.addEventListener('appinstalled', () => installPrompt.set(null));

// Another tab opened a newer database version: offer the reload like an app update.
db.on('versionchange', () => {
  db.close();
  updateAvailable.set({ apply: async () => location.reload() });
  return false;
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // registration (workbox-window, the update check) waits for the first screen: on a repeat open the
  // worker already controls the page, and its import and script check competed with the list (#17)
  whenIdle(() => void import('virtual:pwa-register').then(({ registerSW }) => {
    const updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () =>
        updateAvailable.set({
          apply: async () => {
            await updateSW(true); // activates the waiting worker; workbox-window reloads on 'controlling'
            setTimeout(() => location.reload(), 3000); // a page no worker controls gets no 'controlling'
          },
        }),
      onOfflineReady: () => offlineReady.set(true),
    });
  }));
  // A browser without OffscreenCanvas needs the photo fallback library offline: once the service
  // worker is active, it is asked to cache it (agents' precache leaves it out).
  if (!platformAvailable()) {
    whenIdle(() =>
      void Promise.all([navigator.serviceWorker.ready, bicLibUrl()])
        .then(([registration, url]) => registration.active?.postMessage({ type: CACHE_RUNTIME_MESSAGE, urls: [url] }))
        .catch(() => undefined),
    );
  }
}
