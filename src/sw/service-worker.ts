/// <reference lib="webworker" />
// The service worker only wires events to functions: precache + offline navigations, runtime cache,
// SKIP_WAITING when the user accepts an update, and `sync` → drainOutbox (the same code the page runs).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openDatabase } from '../db/database';
import { BACKGROUND_SYNC_TAG } from '../sync/config';
import { drainHere } from '../sync/drain-here';
import { handlePush, openNotificationTarget, STATUS_PERIODIC_SYNC_TAG } from '../sync/push-events';
import { CACHE_RUNTIME_MESSAGE } from '../sync/config';
import { cacheFirst, cacheRuntimeUrls, isRuntimeUrl } from './runtime-cache';

declare let self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The public site (/publico, server-rendered) is not the app: its pages go to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/publico(\/|$)/] }));
// Reviewer/admin chunks and the photo fallback library: not precached, cached when first fetched.
registerRoute(({ url }) => isRuntimeUrl(url, self.location.origin), ({ request }) => cacheFirst(self.caches, fetch, request));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // A page whose browser will need a runtime file offline (the photo fallback) asks for it here.
  if (event.data?.type === CACHE_RUNTIME_MESSAGE) event.waitUntil(cacheRuntimeUrls(self.caches, fetch, event.data.urls, self.location.origin));
});

/** One drain + status pull with a database opened for this event only. */
async function drainOnce() {
  const db = openDatabase();
  try {
    return await drainHere(db);
  } finally {
    db.close();
  }
}

// Push (#14): show the notification and pull the status meanwhile; a tap opens the right screen.
const PUSH_FALLBACK = { title: 'Mobiliza', body: 'Há novidades sobre seus relatórios. Toque para abrir.' };
self.addEventListener('push', (event) => {
  event.waitUntil(handlePush(event.data?.text(), self.registration, drainOnce, PUSH_FALLBACK));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openNotificationTarget(event.notification.data, self.clients, self.registration.scope));
});

// Periodic Background Sync (Chromium, installed app, permission granted): a daily status pull.
self.addEventListener('periodicsync', (event) => {
  if (event.tag === STATUS_PERIODIC_SYNC_TAG) event.waitUntil(drainOnce());
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
