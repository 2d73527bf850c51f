// first-load module
/** The endpoint's origin: the app's own by default, or VITE_API_BASE_URL at build time. */
export function apiBaseUrl(): string {
  return (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/$/, '');
}

export const BACKGROUND_SYNC_TAG = 'mobiliza-outbox';
