// Issue #17 part 5 in real Chromium at 360×640: the rough edges that are about layout (the jsdom
// UI tests in tests/ui/rough-edges.test.tsx cover the words and the structure).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/chromium';
import { serveDist, type RunningApp } from '../helpers/static-server';
import { addAction, completeFirstRun, FIXTURES, openNewReport } from './app-flow';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  app = await serveDist();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'pt-BR' });
  page = await context.newPage();
  await page.goto(app.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('rough edges at 360×640 (issue #17)', () => {
  it('the sign-in password field is as tall as the login field (±2 px) and as wide', async () => {
    await page.getByLabel('Usuário').waitFor();
    const login = await box(page, '#s-login');
    const password = await box(page, '#s-password');
    expect(login.height).toBeGreaterThanOrEqual(46);
    expect(Math.abs(password.height - login.height)).toBeLessThanOrEqual(2);
    expect(Math.abs(password.width - login.width)).toBeLessThanOrEqual(2);
  });

  it('on "Verificar e enviar", the bullet of a wrapped problem link sits on its first line', async () => {
    await page.goto(app.url);
    await completeFirstRun(page);
    await openNewReport(page);
    await addAction(page);
    await page.getByRole('link', { name: /Relatório de/ }).first().click();
    await page.getByRole('link', { name: /Verificar e enviar/ }).click();
    await page.locator('.problems li a').first().waitFor();
    expect(await page.locator('.problems a').first().evaluate((a) => getComputedStyle(a).display)).toBe('block');
    // the tallest link (wrapped over 2+ lines) and the ink left of it, where the bullet is drawn
    const target = await page.locator('.problems li').evaluateAll((items) => {
      const rows = items.map((li, i) => {
        const a = li.querySelector('a')!.getBoundingClientRect();
        return { i, top: a.top, bottom: a.bottom, left: li.getBoundingClientRect().left, line: parseFloat(getComputedStyle(li).lineHeight) || 24 };
      });
      return rows.sort((x, y) => y.bottom - y.top - (x.bottom - x.top))[0];
    });
    const li = page.locator('.problems li').nth(target.i);
    await li.scrollIntoViewIfNeeded();
    const rect = (await li.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const a = e.querySelector('a')!.getBoundingClientRect();
      return { left: r.left, top: r.top, height: r.height, linkTop: a.top, linkHeight: a.height };
    })) as { left: number; top: number; height: number; linkTop: number; linkHeight: number };
    expect(rect.linkHeight).toBeGreaterThan(target.line * 1.5); // it does wrap
    const clip = { x: Math.max(0, rect.left - 18), y: rect.top, width: 16, height: rect.height };
    const png = await page.screenshot({ clip });
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const inkRows: number[] = [];
    for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x] < 128) inkRows.push(y);
    expect(inkRows.length).toBeGreaterThan(0);
    const lineBottom = rect.linkTop - rect.top + target.line;
    expect(Math.max(...inkRows)).toBeLessThan(lineBottom); // every bullet pixel on the first line
  }, 60_000);

  it('the caption placeholder fits its field whole', async () => {
    await page.goBack();
    await page.getByRole('heading', { name: /^Relatório de/ }).waitFor();
    await page.getByRole('link', { name: /^Ação 1/ }).first().click();
    await page.getByRole('heading', { name: 'Ação 1' }).waitFor();
    const file = readFileSync(join(FIXTURES, 'gps_nikon-coolpix-p6000.jpg'));
    await page.locator('input[type=file]:not([capture])').first().setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: file });
    const caption = page.locator('.photo-caption input').first();
    await caption.waitFor({ timeout: 30_000 });
    const fit = await caption.evaluate((input: HTMLInputElement) => {
      const s = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      return { text: input.placeholder, width: ctx.measureText(input.placeholder).width, room, full: ctx.measureText('Legenda (opcional)').width };
    });
    expect(fit.text.length).toBeGreaterThan(0);
    expect(fit.width).toBeLessThanOrEqual(fit.room);
    // the old placeholder did not fit: the measurement can tell
    expect(fit.full).toBeGreaterThan(fit.room);
  }, 60_000);
});
