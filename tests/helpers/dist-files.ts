// Reads a built dist/: its files, what index.html loads first, gzip sizes, what the service worker
// precaches. Shared by the build test (budgets in `npm test`) and the benchmark runner's table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The size budgets (gzip bytes), one place for the build test and `npm run bench`'s table. */
export const BUDGETS = {
  firstLoad: 60 * 1024,
  /**
   * An agent's first visit: every file the service worker precaches plus the service worker itself
   * (gzip, what the wire carries). 201 KB before #17; reviewer/admin code and the photo fallback
   * library live under assets/runtime/ (fetched when needed, runtime-cached), so the agent's
   * precache stays put when screens for other roles are added. Measured 160.4 KB at #17, 169.4 KB
   * once #16's agent screens and the list copy of #17 part 2 were in.
   */
  agentPrecache: 170 * 1024,
  /**
   * All JS of every role (agent, reviewer console, administration, photo fallback library, service
   * worker), gzip. Measured 196.4 KB at #17, 206.9 KB once #16 (partners, materials) and Plan B's
   * import screen were added: it grows with features for other roles, which reach only those roles
   * (runtime chunks); the agent's share is guarded above.
   */
  allJs: 230 * 1024,
};

/** Every file under `dir`, relative to it. */
export function distFiles(dir: string): string[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return walk(dir).map((f) => relative(dir, f));
}

export const gzipSize = (file: string) => gzipSync(readFileSync(file)).length;

/** Entry script + its modulepreloads, as index.html loads them. */
export function firstLoadScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)];
  return [...new Set(srcs.map((m) => m[1]))];
}

/** URLs in the service worker's injected precache manifest. */
export const precachedUrls = (serviceWorkerSource: string) => [...serviceWorkerSource.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]);
