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

/**
 * Entry script + its modulepreloads, as index.html loads them, and (given `dir`, the dist/ folder)
 * every chunk they import statically, transitively: the build emits no modulepreload links
 * (vite.config.ts), so the chunks the entry names are what the first load fetches.
 */
export function firstLoadScripts(html: string, dir?: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)];
  const found = new Set(srcs.map((m) => m[1]));
  if (dir) {
    for (const file of found) {
      // static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)) {
        found.add(join(file, '..', m[1]));
      }
    }
  }
  return [...found];
}

/** URLs in the service worker's injected precache manifest. */
export const precachedUrls = (serviceWorkerSource: string) => [...serviceWorkerSource.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]);
