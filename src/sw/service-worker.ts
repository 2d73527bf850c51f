/// <reference lib="webworker" />
// The service worker only wires events to functions: precache + offline navigations,
// SKIP_WAITING when the user accepts an update, and `sync` → drainOutbox (the same code the page runs).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openDatabase } from '../db/database';
import { BACKGROUND_SYNC_TAG } from '../sync/config';
import { drainHere } from '../sync/drain-here';

declare let self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', (event) => {
  if (event.tag !== BACKGROUND_SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const db = openDatabase();
      try {
        const result = await drainHere(db);
        // A rejected promise asks the browser to fire `sync` again later (its own backoff).
        if (result.retrying > 0) throw new Error('outbox items still waiting');
      } finally {
        db.close();
      }
    })(),
  );
});
