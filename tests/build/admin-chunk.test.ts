// The administrators' screens (#13) are one lazy chunk that agents never download: not in the
// first load, not in the service worker's precache, and no admin text in any other file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distFiles, firstLoadScripts, gzipSize, precachedUrls } from '../helpers/dist-files';

const dist = join(process.cwd(), 'dist');
/** Budget of the administrators' chunk (JS + CSS, gzip): screens, CSV import, QR code library. */
const BUDGET_ADMIN = 20 * 1024;
// Strings only the administrators' code contains: import problems, the QR encoder, screen titles.
const ADMIN_MARKERS = ['unknown_municipality', 'Importar agentes de uma planilha', 'Núcleos municipais', 'Novo acesso de'];

let all: string[];
let precached: string[];

beforeAll(() => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` (npm test does it first)');
  all = distFiles(dist);
  precached = precachedUrls(readFileSync(join(dist, 'service-worker.js'), 'utf8'));
});

describe("administrators' chunk", () => {
  it('exists, holds the admin screens, and stays within its budget', () => {
    const admin = all.filter((f) => /^assets\/runtime\/admin-[\w-]+\.(js|css)$/.test(f));
    expect(admin.some((f) => f.endsWith('.js'))).toBe(true);
    const js = admin.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    for (const marker of ADMIN_MARKERS) expect(js, marker).toContain(marker);
    const size = admin.reduce((n, f) => n + gzipSize(join(dist, f)), 0);
    console.log(`admin chunk: ${(size / 1024).toFixed(1)} KB gzip (${admin.join(', ')})`);
    expect(size).toBeLessThanOrEqual(BUDGET_ADMIN);
  });

  it('is neither precached nor loaded first, and no other file carries admin code', () => {
    expect(precached.filter((u) => /admin-/.test(u))).toEqual([]);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(firstLoadScripts(html).filter((f) => /admin-/.test(f))).toEqual([]);
    for (const f of all.filter((name) => name.endsWith('.js') && !/^assets\/runtime\/admin-/.test(name))) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const marker of ADMIN_MARKERS) expect(text.includes(marker), `${marker} in ${f}`).toBe(false);
    }
  });
});
