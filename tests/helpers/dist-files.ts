// Reads a built dist/: its files, what index.html loads first, gzip sizes, what the service worker
// precaches. Shared by the build test (budgets in `npm test`) and the benchmark runner's table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

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
