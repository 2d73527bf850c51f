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
  context = await chromium.launchPersistentContext(join(mountDir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--disk-cache-size=1048576'],
    viewport: { width: 360, height: 640 },
    locale: 'pt-BR',
  });
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

    fillDisk(LEFT_BYTES);
    const freeAtStart = freeBytes();
    await page.getByLabel('Escolher da galeria').setInputFiles(CHOSEN.map((f) => FIXTURES + f));
    // each photo ends as a stored item or a named message
    await page.waitForFunction(
      (n) => !document.querySelector('.photo-progress') && document.querySelectorAll('.photo-item').length + document.querySelectorAll('.photo-errors li').length >= n,
      1 + CHOSEN.length,
      { timeout: 240_000 },
    );
    const messages = await page.locator('.photo-errors li').allTextContents();
    const stored = await storedNames();
    const report = `free at start ${freeAtStart} B; stored ${JSON.stringify(stored)}; messages ${JSON.stringify(messages)}; console ${JSON.stringify(warnings)}`;
    console.log(`[storage-full] ${report}`);

    expect(stored, report).toContain(BEFORE);
    const named = CHOSEN.filter((f) => messages.some((m) => m.includes(`“${f}”`)));
    for (const f of CHOSEN) expect(stored.includes(f) || named.includes(f), `${f} neither stored nor named: ${report}`).toBe(true);
    // the disk really was full: some photos could not be stored, and each message says why and what to do
    expect(named.length, report).toBeGreaterThan(0);
    for (const m of messages) expect(m, report).toMatch(/não foi salva: .*Libere espaço.*escolha esta foto de novo/);
    expect(messages.length, report).toBe(named.length);
    expect(await page.locator('.photo-item').count()).toBe(stored.length);

    // space freed: the app (reloaded) still has every stored photo, and a named one can now be added
    rmSync(filler);
    await page.reload();
    await page.getByRole('heading', { name: /^Ação 1$/ }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n, stored.length, { timeout: 30_000 });
    expect((await storedNames()).sort()).toEqual([...stored].sort());
    await page.getByLabel('Escolher da galeria').setInputFiles(FIXTURES + named[0]);
    await page.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n && !document.querySelector('.photo-progress'), stored.length + 1, { timeout: 90_000 });
    expect(await storedNames()).toContain(named[0]);
  }, 420_000);
});
