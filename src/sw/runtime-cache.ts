// Runtime cache for what the agent's precache leaves out (vite.config.ts RUNTIME_DIR): the reviewer
// and administrator chunks and the photo fallback library. Their names carry a content hash, so a
// cached copy is served as is (cache first); when a new build's copy is stored, older copies of the
// same file (same name before the hash) are deleted, so the cache holds one version of each.

export const RUNTIME_CACHE = 'mobiliza-runtime';
export const RUNTIME_PATH = '/assets/runtime/';

/** `review-AbC123.js` → `review.js`: the file's name without its content hash. */
export const unhashed = (pathname: string) => pathname.slice(pathname.lastIndexOf('/') + 1).replace(/-[\w-]{6,}(\.\w+)$/, '$1');

export const isRuntimeUrl = (url: URL, origin: string) => url.origin === origin && url.pathname.startsWith(RUNTIME_PATH);

async function store(cache: Cache, request: Request | string, response: Response): Promise<void> {
  const path = new URL(typeof request === 'string' ? request : request.url).pathname;
  await cache.put(request, response);
  for (const old of await cache.keys()) {
    const oldPath = new URL(old.url).pathname;
    if (oldPath !== path && unhashed(oldPath) === unhashed(path)) await cache.delete(old);
  }
}

/** Cache first, then the network (stored when it answers 200). */
export async function cacheFirst(storage: CacheStorage, fetcher: typeof fetch, request: Request): Promise<Response> {
  const cache = await storage.open(RUNTIME_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetcher(request);
  if (response.status === 200) await store(cache, request, response.clone());
  return response;
}

/** Stores the given runtime URLs unless already cached (a page asks for what its browser will need offline). */
export async function cacheRuntimeUrls(storage: CacheStorage, fetcher: typeof fetch, urls: unknown, origin: string): Promise<void> {
  if (!Array.isArray(urls)) return;
  const cache = await storage.open(RUNTIME_CACHE);
  for (const u of urls.slice(0, 10)) {
    if (typeof u !== 'string') continue;
    const url = new URL(u, origin);
    if (!isRuntimeUrl(url, origin) || (await cache.match(url.href))) continue;
    const response = await fetcher(url.href);
    if (response.status === 200) await store(cache, url.href, response);
  }
}
