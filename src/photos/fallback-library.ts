// first-load module: which photo engine this browser can use, and where the fallback library is.
// browser-image-compression is not precached (agents' browsers almost all have OffscreenCanvas); a
// browser without it asks the service worker to cache the library on its first visit, while online
// (src/main.tsx), so its photos still work offline (vite.config.ts RUNTIME_DIR).
/** The platform path: our module worker with createImageBitmap + OffscreenCanvas. */
export function platformAvailable(): boolean {
  return typeof OffscreenCanvas === 'function' && 'convertToBlob' in OffscreenCanvas.prototype && typeof createImageBitmap === 'function';
}

/**
 * Absolute URL of the UMD build that bic's worker loads with importScripts: a module URL relative to
 * the page would resolve against the worker's blob: URL and fail, and the default CDN fails offline.
 */
export async function bicLibUrl(): Promise<string> {
  const { default: path } = await import('browser-image-compression/dist/browser-image-compression.js?url');
  return new URL(path, location.href).href;
}
