// Reads dist/ (npm test builds first): what the service worker precaches, bundle budgets, manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distFiles, firstLoadScripts as scriptsOf, gzipSize as gz, precachedUrls } from '../helpers/dist-files';

const dist = join(process.cwd(), 'dist');
const BUDGET_FIRST_LOAD = 60 * 1024;
// 170 KB before issue #6; its reviewer screens, Painel and printable report add ~12 KB gzip, all in
// lazy chunks that the first load never fetches (the service worker precaches them).
// 175 KB, raised from 170 KB at the integration of #11–#15 (agent JS measured 172.9 KB: the service
// worker carries push and the municipality's history, the editor chunk due dates and access codes).
// Temporary: #17 (open) moves reviewer/admin code out of the agent's precache and guards it on its own.
const BUDGET_ALL_JS = 175 * 1024;

let all: string[];
let precached: string[];
let html: string;

beforeAll(() => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` (npm test does it first)');
  all = distFiles(dist);
  html = readFileSync(join(dist, 'index.html'), 'utf8');
  const sw = readFileSync(join(dist, 'service-worker.js'), 'utf8');
  precached = precachedUrls(sw);
});

const firstLoadScripts = () => scriptsOf(html);

describe('service worker precache', () => {
  it('precaches index.html, every JS and CSS file, the manifest and the icons — not itself', () => {
    expect(precached).toContain('index.html');
    // …except the administrators' chunk (#13, tests/build/admin-chunk.test.ts).
    const needed = all.filter((f) => /\.(js|css|png|webmanifest)$/.test(f) && f !== 'service-worker.js' && !/^assets\/admin-/.test(f));
    expect(needed.some((f) => f.endsWith('.webmanifest'))).toBe(true);
    expect(needed.filter((f) => f.startsWith('icons/'))).toHaveLength(3);
    expect(needed.filter((f) => !precached.includes(f))).toEqual([]);
    expect(precached).not.toContain('service-worker.js');
    expect(precached.filter((u) => !all.includes(u))).toEqual([]);
  });
});

describe('bundle budgets', () => {
  it(`keeps first-load JS within ${BUDGET_FIRST_LOAD / 1024} KB gzip`, () => {
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const size = scripts.reduce((n, f) => n + gz(join(dist, f)), 0);
    console.log(`first-load JS: ${(size / 1024).toFixed(1)} KB gzip (${scripts.join(', ')})`);
    expect(size).toBeLessThanOrEqual(BUDGET_FIRST_LOAD);
  });

  // The budget is the agent's JS. The reviewer console's chunk (review-*.js, src/ui/review/) never
  // runs on an agent's phone; the administrators' chunk (#13, admin-*.js) has its own budget in
  // tests/build/admin-chunk.test.ts. Both are printed, not counted.
  it(`keeps the agent's JS (all but the reviewer and admin chunks) within ${BUDGET_ALL_JS / 1024} KB gzip`, () => {
    const js = all.filter((f) => f.endsWith('.js'));
    const review = js.filter((f) => /(^|\/)review-[^/]*\.js$/.test(f));
    const admin = js.filter((f) => /(^|\/)admin-[^/]*\.js$/.test(f));
    const size = js.filter((f) => !review.includes(f) && !admin.includes(f)).reduce((n, f) => n + gz(join(dist, f)), 0);
    const reviewSize = review.reduce((n, f) => n + gz(join(dist, f)), 0);
    const adminSize = admin.reduce((n, f) => n + gz(join(dist, f)), 0);
    console.log(`agent JS: ${(size / 1024).toFixed(1)} KB gzip; reviewer chunk ${(reviewSize / 1024).toFixed(1)} KB; admin ${(adminSize / 1024).toFixed(1)} KB; ${js.length} files`);
    expect(review.length).toBe(1);
    expect(size).toBeLessThanOrEqual(BUDGET_ALL_JS);
  });

  it('keeps the editor, zod and the municipality list out of the first load', () => {
    const first = firstLoadScripts().map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    expect(first).not.toContain('Abadia dos Dourados');
    expect(first).not.toContain('Título da ação');
    expect(first).not.toMatch(/invalid_union|ZodError/);
  });

  it('names no CDN anywhere in dist/', () => {
    // browser-image-compression carries its default libURL (a CDN) as a string; we always pass a
    // same-origin libURL (src/photos/compress-photo.ts) and tests/e2e/photos.test.ts proves that
    // no request leaves the page. That one dead default is the only exception, and only in its files.
    const bicDefault = /https:\/\/cdn\.jsdelivr\.net\/npm\/browser-image-compression@[\d.]+\/dist\/browser-image-compression\.js/g;
    for (const f of all.filter((name) => /\.(js|html|css|webmanifest|json)$/.test(name))) {
      let t = readFileSync(join(dist, f), 'utf8');
      if (/^assets\/browser-image-compression-[\w-]+\.js$/.test(f)) t = t.replace(bicDefault, '');
      expect(t, f).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs|googleapis|gstatic/);
    }
  });
});

describe('web app manifest', () => {
  const pngSize = (file: string) => {
    const b = readFileSync(join(dist, file));
    expect(b.subarray(1, 4).toString()).toBe('PNG');
    return `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
  };

  it('is linked from index.html and describes an installable pt-BR app with real icons', () => {
    const href = /<link rel="manifest" href="\/([^"]+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const m = JSON.parse(readFileSync(join(dist, href!), 'utf8'));
    expect(m).toMatchObject({ name: expect.any(String), short_name: 'Mobiliza', lang: 'pt-BR', start_url: '/', scope: '/', display: 'standalone' });
    expect(m.theme_color).toMatch(/^#/);
    expect(m.background_color).toMatch(/^#/);
    const icons = m.icons.map((i: { src: string; sizes: string; purpose: string }) => [i.sizes, i.purpose, pngSize(i.src.slice(1))]);
    expect(icons).toEqual([
      ['192x192', 'any', '192x192'],
      ['512x512', 'any', '512x512'],
      ['512x512', 'maskable', '512x512'],
    ]);
  });
});
