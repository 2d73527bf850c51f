// first-load module
/** The endpoint's origin: the app's own by default, or VITE_API_BASE_URL at build time. */
export function apiBaseUrl(): string {
  return (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/$/, '');
}

export const BACKGROUND_SYNC_TAG = 'mobiliza-outbox';

/** Page → service worker: `{type, urls}` asks it to runtime-cache files this browser needs offline. */
export const CACHE_RUNTIME_MESSAGE = 'CACHE_RUNTIME';
