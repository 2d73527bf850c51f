// Reads dist/ (npm test builds first): what the service worker precaches, bundle budgets, manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, distFiles, firstLoadScripts as scriptsOf, gzipSize as gz, precachedUrls } from '../helpers/dist-files';

const dist = join(process.cwd(), 'dist');
const { firstLoad: BUDGET_FIRST_LOAD, agentPrecache: BUDGET_AGENT_PRECACHE, allJs: BUDGET_ALL_JS } = BUDGETS;
/** Where the files no agent needs offline live (vite.config.ts RUNTIME_DIR). */
const RUNTIME = /^assets\/runtime\//;

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
  it('precaches index.html, every JS and CSS file outside assets/runtime/, the manifest and the 192 px icon — not itself', () => {
    expect(precached).toContain('index.html');
    const needed = all.filter((f) => /\.(js|css|webmanifest)$/.test(f) && f !== 'service-worker.js' && !RUNTIME.test(f));
    expect(needed.some((f) => f.endsWith('.webmanifest'))).toBe(true);
    expect(needed.filter((f) => !precached.includes(f))).toEqual([]);
    // notifications and the page's icon use the 192 px one; the 512 px ones only serve installing (online)
    expect(precached.filter((f) => f.startsWith('icons/'))).toEqual(['icons/icon-192.png']);
    expect(all.filter((f) => f.startsWith('icons/'))).toHaveLength(3);
    expect(precached).not.toContain('service-worker.js');
    expect(precached.filter((u) => !all.includes(u))).toEqual([]);
  });

  it('leaves the reviewer, admin and fallback-library files out of the precache, under assets/runtime/', () => {
    const runtime = all.filter((f) => RUNTIME.test(f));
    for (const name of [/^assets\/runtime\/review-[\w-]+\.js$/, /^assets\/runtime\/review-[\w-]+\.css$/, /^assets\/runtime\/admin-[\w-]+\.js$/, /^assets\/runtime\/browser-image-compression-[\w-]+\.js$/]) {
      expect(runtime.filter((f) => name.test(f)), String(name)).toHaveLength(1);
    }
    expect(precached.filter((u) => RUNTIME.test(u) || /(^|\/)(review|admin)-/.test(u))).toEqual([]);
    // nothing of the reviewer console outside it (its screen titles)
    for (const f of all.filter((name) => name.endsWith('.js') && !RUNTIME.test(name))) {
      expect(readFileSync(join(dist, f), 'utf8'), f).not.toContain('Relatórios em duplicidade');
    }
    // the service worker serves them from a runtime cache once fetched
    const sw = readFileSync(join(dist, 'service-worker.js'), 'utf8');
    expect(sw).toContain('/assets/runtime/');
    expect(sw).toContain('mobiliza-runtime');
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

  it(`keeps an agent's first visit (every precached file + the service worker) within ${BUDGET_AGENT_PRECACHE / 1024} KB gzip`, () => {
    const files = [...precached, 'service-worker.js'];
    const size = files.reduce((n, f) => n + gz(join(dist, f)), 0);
    const biggest = files.map((f) => [f, gz(join(dist, f))] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`agent precache + service worker: ${(size / 1024).toFixed(1)} KB gzip, ${files.length} files (largest: ${biggest.map(([f, n]) => `${f} ${(n / 1024).toFixed(1)}`).join(', ')})`);
    expect(size).toBeLessThanOrEqual(BUDGET_AGENT_PRECACHE);
  });

  it(`keeps all JS of every role within ${BUDGET_ALL_JS / 1024} KB gzip`, () => {
    const js = all.filter((f) => f.endsWith('.js'));
    const size = js.reduce((n, f) => n + gz(join(dist, f)), 0);
    const runtime = js.filter((f) => RUNTIME.test(f)).reduce((n, f) => n + gz(join(dist, f)), 0);
    console.log(`all JS: ${(size / 1024).toFixed(1)} KB gzip in ${js.length} files, of which assets/runtime/ (reviewer, admin, fallback library) ${(runtime / 1024).toFixed(1)} KB`);
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
      if (/^assets\/(runtime\/)?browser-image-compression-[\w-]+\.js$/.test(f)) t = t.replace(bicDefault, '');
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
