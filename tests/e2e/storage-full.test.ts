// Issue #17: storage full, for real. Chromium's profile lives on a small tmpfs; once the app is set
// up the disk is filled to ~350 KB free and 8 photos are chosen from the gallery. Every one must be
// either stored or named in a message, and nothing stored before is lost. Needs root (mount); skips
// with the reason otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium';
import { serveDist, type RunningApp } from '../helpers/static-server';
import { addAction, completeFirstRun, FIXTURES, openNewReport } from './app-flow';

const DISK_MB = 48;
const LEFT_BYTES = 350 * 1024;
const BEFORE = 'tiny_fujifilm-e500_59x100.jpg';
const CHOSEN = [
  'orientation-1_landscape_labeled.jpg',
  'orientation-3_landscape_labeled.jpg',
  'orientation-6_portrait_labeled.jpg',
  'orientation-8_portrait_labeled.jpg',
  'gps_nikon-coolpix-p6000.jpg',
  'png_android-screenshot_1440x2560.png',
  'orientation-6_samsung-galaxy-s2_8mp.jpg',
  'orientation-3_iphone5_8mp_gps.jpg',
];

const mountDir = mkdtempSync(join(tmpdir(), 'mobiliza-fulldisk-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m`, 'tmpfs', mountDir], { encoding: 'utf8' });
const skipReason = mounted.status === 0 ? '' : `cannot mount a tmpfs (${(mounted.stderr || mounted.error?.message || '').trim() || `exit ${mounted.status}`}); run as root to fill a disk for real`;
if (skipReason) console.warn(`[storage-full] skipped: ${skipReason}`);

let app: RunningApp;
let context: BrowserContext;
let page: Page;
const filler = join(mountDir, 'filler.bin');
const warnings: string[] = [];
const freeBytes = () => { const s = statfsSync(mountDir); return s.bavail * s.bsize; };

/** Leaves about `left` bytes free on the tmpfs. */
function fillDisk(left: number) {
  const size = Math.max(0, freeBytes() - left);
  writeFileSync(filler, Buffer.alloc(size, 1));
}

/** File names of the photos in IndexedDB (read directly, as the app would after a restart). */
const storedNames = () => page.evaluate(() => new Promise<string[]>((resolve, reject) => {
  const open = indexedDB.open('mobiliza');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('photos').objectStore('photos').getAll();
    req.onsuccess = () => { resolve(req.result.map((p: { fileName: string }) => p.fileName)); open.result.close(); };
    req.onerror = () => reject(req.error);
  };
}));

beforeAll(async () => {
  if (skipReason) return;
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  app = await serveDist();
  context = await launchBrowser();
});

/** Chromium on the tmpfs profile (launched again on the same profile = the agent restarting the browser). */
const launchBrowser = () =>
  chromium.launchPersistentContext(join(mountDir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--disk-cache-size=1048576'],
    viewport: { width: 360, height: 640 },
    locale: 'pt-BR',
  });
afterAll(async () => {
  await context?.close().catch(() => {});
  await app?.close();
  if (!skipReason) spawnSync('umount', [mountDir]);
  rmSync(mountDir, { recursive: true, force: true });
});

describe.skipIf(!!skipReason)('storage full, on a real full disk (tmpfs profile)', () => {
  it('every chosen photo is stored or named with the reason; nothing stored is lost', async () => {
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
    await page.goto(app.url);
    await completeFirstRun(page);
    await openNewReport(page);
    await addAction(page, 'Mutirão contra a dengue');
    await page.getByLabel('Escolher da galeria').setInputFiles(FIXTURES + BEFORE);
    await page.waitForFunction(() => document.querySelectorAll('.photo-item').length === 1 && !document.querySelector('.photo-progress'), null, { timeout: 60_000 });
    expect(await storedNames()).toEqual([BEFORE]);

    const t0 = Date.now();
    const step = (what: string) => console.log(`[storage-full] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    fillDisk(LEFT_BYTES);
    const freeAtStart = freeBytes();
    step(`estimate ${await page.evaluate(async () => JSON.stringify(await navigator.storage.estimate()))}`);
    await page.getByLabel('Escolher da galeria').setInputFiles(CHOSEN.map((f) => FIXTURES + f));
    // each photo ends as a stored item or a named message
    await page.waitForFunction(
      (n) => !document.querySelector('.photo-progress') && document.querySelectorAll('.photo-item').length + document.querySelectorAll('.photo-errors li').length >= n,
      1 + CHOSEN.length,
      { timeout: 240_000 },
    );
    step('every chosen photo stored or named');
    const messages = await page.locator('.photo-errors li').allTextContents();
    const shown = await page.locator('.photo-item').count();
    // Space is freed before IndexedDB is read again, in the same session: after failed blob writes on
    // a full disk, Chromium's backing store may stall new connections and, once the browser restarts,
    // it may drop the database as corrupt (seen here in 5 of 7 restarts): the app goes on in the
    // session it has, as an agent would after freeing space.
    rmSync(filler);
    step('space freed');
    // every item on screen is a photo read back from IndexedDB (its thumbnail decodes), the earlier one first
    const thumbsDecoded = (n: number) => page.waitForFunction(
      (k) => { const imgs = [...document.querySelectorAll<HTMLImageElement>('.photo-item img')]; return imgs.length === k && imgs.every((i) => i.complete && i.naturalWidth > 0); },
      n,
      { timeout: 30_000 },
    );
    await thumbsDecoded(shown);
    const metas = await page.locator('.photo-meta').allTextContents();
    const report = `free at start ${freeAtStart} B; shown ${shown}; metas ${JSON.stringify(metas)}; messages ${JSON.stringify(messages)}; console ${JSON.stringify(warnings)}`;
    console.log(`[storage-full] ${report}`);

    // nothing stored before is lost (the 59×100 photo is still Foto 1.1)
    expect(metas[0], report).toMatch(/^59×100 · /);
    // every chosen photo is stored or named, once
    const named = CHOSEN.filter((f) => messages.some((m) => m.includes(`“${f}”`)));
    expect(messages.length, report).toBe(named.length);
    expect(shown - 1 + named.length, report).toBe(CHOSEN.length);
    // the disk really was full: some photos could not be stored, and each message says why and what to do
    expect(named.length, report).toBeGreaterThan(0);
    for (const m of messages) expect(m, report).toMatch(/não foi salva: .*Libere espaço.*escolha esta foto de novo/);

    // with space again, a named photo can now be added, in the same session
    await page.getByLabel('Escolher da galeria').setInputFiles(FIXTURES + named[0]);
    await page.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n && !document.querySelector('.photo-progress'), shown + 1, { timeout: 90_000 });
    await thumbsDecoded(shown + 1);
    step('a named photo added once space was freed');
  }, 420_000);
});
