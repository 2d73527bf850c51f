// Issue #3 end to end, in real Chromium over the real fixtures in ../shared/fixtures/photos:
// the photo part runs with the network cut; no request may leave the page or its workers
// except those answered by the service worker.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_TARGET } from '../../src/domain/limits';
import { findExifTiff } from '../../src/photos/exif';
import { fitWithin } from '../../src/photos/plan-size';
import { launchPersistent } from '../helpers/chromium';
import { serveDist, type RunningApp } from '../helpers/static-server';
import { addAction, backToReport, completeFirstRun, openNewReport, TEN_PHOTOS, waitForServiceWorker, waitSaved } from './app-flow';

const FIXTURES = resolve(process.cwd(), '../shared/fixtures/photos');
interface Fixture { file: string; exif_orientation: number | null; has_gps: boolean; expected_display_width_x_height: string | null }
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { files: Fixture[] };
const fixture = (file: string) => manifest.files.find((f) => f.file === file)!;
const path = (file: string) => join(FIXTURES, file);
const payload = (file: string) => ({ name: file, mimeType: file.endsWith('.heic') ? 'image/heic' : 'image/jpeg', buffer: readFileSync(path(file)) });

const ACTION_1 = TEN_PHOTOS;

const expectedSize = (file: string) => {
  const [width, height] = fixture(file).expected_display_width_x_height!.split('x').map(Number);
  return fitWithin({ width, height }, PHOTO_TARGET.maxSide, PHOTO_TARGET.maxCanvasPixels);
};

/** A copy of a JPEG whose EXIF orientation tag says 1, so the browser shows its stored pixels as they are. */
function withoutOrientation(file: string): Buffer {
  const bytes = new Uint8Array(readFileSync(path(file)));
  const tiff = findExifTiff(bytes)!;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = view.getUint16(0) === 0x4949;
  const ifd0 = view.getUint32(4, little);
  for (let k = 0, n = view.getUint16(ifd0, little); k < n; k++) {
    const at = ifd0 + 2 + k * 12;
    if (view.getUint16(at, little) === 0x0112) view.setUint16(at + 8, 1, little);
  }
  return Buffer.from(bytes);
}

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchPersistent>>;
let context: BrowserContext;
let page: Page;
let offline = false;
const violations: string[] = [];
const local = (url: string) => url.startsWith(app.url) || url.startsWith('blob:') || url.startsWith('data:');

beforeAll(async () => {
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  app = await serveDist();
  browser = await launchPersistent();
  context = browser.context;
  context.on('request', (req) => { if (!local(req.url())) violations.push(`foreign request: ${req.url()}`); });
  context.on('requestfailed', (req) => { if (offline && !req.url().startsWith('blob:')) violations.push(`failed offline: ${req.url()} ${req.failure()?.errorText}`); });
  context.on('response', (res) => {
    if (offline && !res.url().startsWith('blob:') && !res.url().startsWith('data:') && !res.fromServiceWorker()) violations.push(`not from the SW: ${res.url()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const gallery = () => page.getByLabel('Escolher da galeria');
const labels = () => page.locator('.photo-label').allTextContents();
const ids = () => page.locator('.photo-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-photo-id')));
const alertText = async () => (await page.getByRole('alert').allTextContents()).join('\n');

async function waitForPhotos(count: number) {
  await page.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n && !document.querySelector('.photo-progress'), count, { timeout: 90_000 });
}

/** Opens "Foto a.n" full size and returns its pixel size and a 4×4 grid of mean luminance. */
async function viewPhoto(label: string) {
  await page.getByRole('button', { name: `Ver ${label} em tamanho real` }).click();
  const img = page.getByRole('dialog', { name: label }).locator('img.photo-full');
  await img.waitFor();
  const result = await img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const small = new OffscreenCanvas(64, 64).getContext('2d')!;
    small.drawImage(el, 0, 0, 64, 64);
    return { width: el.naturalWidth, height: el.naturalHeight, luma: Array.from(small.getImageData(0, 0, 64, 64).data) };
  });
  await page.getByRole('button', { name: 'Fechar', exact: true }).click();
  return { width: result.width, height: result.height, grid: grid4x4(result.luma) };
}

/** The expected picture: stored pixels (orientation ignored) turned by hand as EXIF orientation says. */
async function referenceGrid(file: string, size: { width: number; height: number }, extraTurn = 0) {
  const b64 = withoutOrientation(file).toString('base64');
  const orientation = fixture(file).exif_orientation ?? 1;
  const rgba = await page.evaluate(async ({ b64, orientation, size, extraTurn }) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const { width: w, height: h } = size;
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d')!;
    const turn = { 1: 0, 3: 180, 6: 90, 8: 270 }[orientation as 1 | 3 | 6 | 8] + extraTurn;
    ctx.translate(w / 2, h / 2);
    ctx.rotate((turn * Math.PI) / 180);
    const sideways = turn % 180 !== 0;
    ctx.drawImage(bitmap, -(sideways ? h : w) / 2, -(sideways ? w : h) / 2, sideways ? h : w, sideways ? w : h);
    const small = new OffscreenCanvas(64, 64).getContext('2d')!;
    small.drawImage(c, 0, 0, 64, 64);
    return Array.from(small.getImageData(0, 0, 64, 64).data);
  }, { b64, orientation, size, extraTurn });
  return grid4x4(rgba);
}

/** Mean luminance of the 4×4 cells of a 64×64 RGBA thumbnail: where the light and dark areas are. */
function grid4x4(rgba: number[]): number[] {
  const cells = new Array(16).fill(0);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
    const i = (y * 64 + x) * 4;
    cells[(y >> 4) * 4 + (x >> 4)] += (0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]) / 256;
  }
  return cells;
}
const distance = (a: number[], b: number[]) => a.reduce((s, v, k) => s + Math.abs(v - b[k]), 0) / a.length;

describe('photo pipeline, offline, in Chromium', () => {
  let action1Url = '';

  it('first visit online precaches the app and the photo worker; a browser with OffscreenCanvas never fetches the fallback library', async () => {
    page = await context.newPage();
    await page.goto(app.url);
    await waitForServiceWorker(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const req of await (await caches.open(key)).keys()) urls.push(req.url);
      return urls;
    });
    expect(cached.some((u) => /photo-worker.*\.js/.test(u)), cached.join('\n')).toBe(true);
    expect(cached.some((u) => /\/assets\/runtime\//.test(u)), cached.join('\n')).toBe(false);
  });

  it('with the network cut: ten photos of every orientation come out upright, ≤ 1600 px and ≤ 300 KB', async () => {
    await context.setOffline(true);
    offline = true;
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await completeFirstRun(page);
    await openNewReport(page);
    await addAction(page, 'Palestra com fotos');
    action1Url = page.url();

    await gallery().setInputFiles(ACTION_1.map(path));
    await waitForPhotos(ACTION_1.length);
    expect(await labels()).toEqual(ACTION_1.map((_, k) => `Foto 1.${k + 1}`));
    expect(await alertText()).toBe('');

    const metas = await page.locator('.photo-meta').allTextContents();
    for (const [k, file] of ACTION_1.entries()) {
      const want = expectedSize(file);
      const shown = await viewPhoto(`Foto 1.${k + 1}`);
      expect({ file, width: shown.width, height: shown.height }).toEqual({ file, ...want });
      expect(Math.max(shown.width, shown.height)).toBeLessThanOrEqual(1600);
      const kb = Number(metas[k].match(/· ([\d.]+) KB/)![1].replace('.', ''));
      expect(kb, file).toBeLessThanOrEqual(300);
      expect(metas[k], file).toContain(fixture(file).has_gps ? 'com localização' : 'sem localização');
      if (file.endsWith('.jpg')) {
        // the picture matches its stored pixels turned once by hand, and not a half-turned version
        const right = distance(shown.grid, await referenceGrid(file, want));
        const upsideDown = distance(shown.grid, await referenceGrid(file, want, 180));
        expect(right, `${file}: distance to the correctly turned original`).toBeLessThan(6);
        expect(upsideDown, `${file}: a half turn must look different`).toBeGreaterThan(right * 2);
      }
    }
  });

  it('the labelled samples agree: orientation 3 looks like orientation 1, 6 like 8', async () => {
    const [o1, o3, o6, o8] = [await viewPhoto('Foto 1.1'), await viewPhoto('Foto 1.2'), await viewPhoto('Foto 1.3'), await viewPhoto('Foto 1.4')];
    expect(distance(o1.grid, o3.grid)).toBeLessThan(4);
    expect(distance(o6.grid, o8.grid)).toBeLessThan(4);
  });

  it('reorders, deletes with undo, and keeps the numbering 1..n', async () => {
    const before = await ids();
    await page.getByRole('button', { name: 'Mover Foto 1.2 para cima' }).click();
    await page.waitForFunction((id) => document.querySelector('.photo-item')?.getAttribute('data-photo-id') === id, before[1]);
    expect(await ids()).toEqual([before[1], before[0], ...before.slice(2)]);
    await page.getByRole('button', { name: 'Mover Foto 1.1 para baixo' }).click();
    await page.waitForFunction((id) => document.querySelector('.photo-item')?.getAttribute('data-photo-id') === id, before[0]);

    await page.getByRole('button', { name: 'Excluir Foto 1.3' }).click();
    await page.getByText('Foto excluída').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.photo-item').length === 9);
    expect(await labels()).toEqual(Array.from({ length: 9 }, (_, k) => `Foto 1.${k + 1}`));
    expect(await ids()).toEqual(before.filter((_, k) => k !== 2));
    await page.getByRole('button', { name: 'Desfazer' }).click();
    await waitForPhotos(10);
    expect(await ids()).toEqual(before);

    await page.getByLabel('Legenda da Foto 1.1 (opcional)').fill('Abertura da palestra');
    await page.getByLabel('Legenda da Foto 1.1 (opcional)').blur();
  });

  it('refuses a corrupt JPEG, a text file, HEIC, a video and a 0-byte file with messages, keeping the good photo and the editor', async () => {
    await backToReport(page);
    await addAction(page, 'Blitz na feira');
    await gallery().setInputFiles([
      payload('corrupt_truncated-mid-scan_htc-one-m8.jpg'),
      payload('not-an-image_text.jpg'),
      payload('heic_iphone-xs-max_12mp_gps.heic'),
      { name: 'video.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, 0, 0, 0, 0]) },
      { name: 'vazio.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
      payload('gps_nikon-coolpix-p6000.jpg'),
    ]);
    await waitForPhotos(1);
    const text = await alertText();
    expect(text).toContain('“corrupt_truncated-mid-scan_htc-one-m8.jpg” está danificado ou incompleto');
    expect(text).toContain('“not-an-image_text.jpg” não é uma foto');
    expect(text).toContain('“heic_iphone-xs-max_12mp_gps.heic” está no formato HEIC');
    expect(text).toContain('Mais compatível');
    expect(text).toContain('“video.jpg” é um vídeo');
    expect(text).toContain('“vazio.jpg” está vazio');
    expect(await labels()).toEqual(['Foto 2.1']);

    // the same photo twice in one action is refused
    await page.getByRole('button', { name: 'Fechar avisos' }).click();
    await gallery().setInputFiles(path('gps_nikon-coolpix-p6000.jpg'));
    await page.getByRole('alert').filter({ hasText: 'Esta foto já foi adicionada a esta ação (Foto 2.1).' }).waitFor();
    expect(await labels()).toEqual(['Foto 2.1']);

    // the editor still works
    await page.getByLabel('Título da ação').fill('Blitz educativa na feira');
    await waitSaved(page);
  });

  it('drops the GPS position when "Guardar localização das fotos" is off', async () => {
    expect(await page.locator('.photo-meta').first().textContent()).toContain('com localização');
    // through the settings screen, as an agent would
    await backToReport(page);
    await page.getByRole('link', { name: '‹ Relatórios' }).click();
    await page.getByRole('link', { name: 'Configurações e armazenamento' }).click();
    const keep = page.getByLabel('Guardar a localização (GPS) das fotos');
    await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('input[type=checkbox]')?.disabled);
    await keep.uncheck();
    await page.getByRole('link', { name: '‹ Relatórios' }).click();
    await page.locator('.card-link').first().click();
    await page.getByRole('heading', { name: /^Relatório de / }).waitFor();
    await addAction(page, 'Visita domiciliar');
    await gallery().setInputFiles([path('gps_nikon-coolpix-p6000.jpg'), path('tiny_fujifilm-e500_59x100.jpg')]);
    await waitForPhotos(2);
    const metas = await page.locator('.photo-meta').allTextContents();
    expect(metas[0]).toContain('640×480');
    expect(metas[1]).toContain('59×100');
    expect(metas.every((m) => m.includes('sem localização'))).toBe(true);
  });

  it('a reload keeps the photos, their order, numbers and captions', async () => {
    await page.goto(action1Url);
    await waitForPhotos(10);
    const before = await ids();
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await waitForPhotos(10);
    expect(await ids()).toEqual(before);
    expect(await labels()).toEqual(Array.from({ length: 10 }, (_, k) => `Foto 1.${k + 1}`));
    await expect(page.getByLabel('Legenda da Foto 1.1 (opcional)').inputValue()).resolves.toBe('Abertura da palestra');
    // at the limit the inputs give way to a hint
    await expect(gallery().count()).resolves.toBe(0);
  });

  it('the browser-image-compression fallback (no OffscreenCanvas) also works offline, from the library its online visit cached', async () => {
    // a browser without OffscreenCanvas: its visit while online asks the service worker to keep the library
    const fallback = await context.newPage();
    await fallback.addInitScript(() => { delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas; });
    offline = false;
    await context.setOffline(false);
    await fallback.goto(action1Url.replace(/\/acao\/.*$/, ''));
    // polled inside the page: waitForFunction would take the async predicate's Promise as truthy at once
    const cachedLibrary = await fallback.evaluate(async () => {
      const cache = await caches.open('mobiliza-runtime');
      for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
        const hit = (await cache.keys()).find((r) => /\/assets\/runtime\/browser-image-compression-[\w-]+\.js$/.test(r.url));
        if (hit) return hit.url;
      }
      return '';
    });
    expect(cachedLibrary, 'the service worker cached the fallback library within 30 s').not.toBe('');
    await context.setOffline(true);
    offline = true;
    const response = await fallback.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    page = fallback;
    await addAction(page, 'Ação com o caminho de reserva');
    await gallery().setInputFiles([
      payload('large-phone_google-pixel_12mp_gps.jpg'),
      payload('corrupt_truncated-mid-scan_htc-one-m8.jpg'),
      payload('orientation-6_portrait_labeled.jpg'),
    ]);
    await waitForPhotos(2);
    // an <img> decoder shows truncated JPEGs half grey; our end-marker check refuses them
    expect(await alertText()).toContain('“corrupt_truncated-mid-scan_htc-one-m8.jpg” está danificado ou incompleto');
    const metas = await page.locator('.photo-meta').allTextContents();
    expect(metas[0]).toMatch(/^1600×1200 · /);
    expect(metas[1]).toMatch(/^10(66|67)×1600 · /);
    for (const m of metas) expect(Number(m.match(/· ([\d.]+) KB/)![1].replace('.', ''))).toBeLessThanOrEqual(300);
  });

  it('no request left the page or its workers while offline', () => {
    expect(violations).toEqual([]);
  });
});
