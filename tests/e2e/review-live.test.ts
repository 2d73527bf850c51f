// Issues #11, #12 and #15 end to end in Chromium against the real endpoint (PGlite in a temp dir):
// two phones of one municipality (two browser contexts, one agent account), the regional unit on
// a 1366 px office screen and on a 360 px phone, and the central level publishing a highlight.
// Layout is asserted on geometry: no sideways scroll at 360, list/report beside the decision at
// 1366, the decision reachable after scrolling, portrait photos at their natural aspect ratio.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start';
import { allMunicipalities, municipalitiesOfRegional } from '../../src/domain/municipality';
import { formatPeriod, periodOfDate, shiftPeriod } from '../../src/domain/period';
import { isExifSegment, jpegSegments } from '../../src/domain/jpeg';
import { launchBrowser } from '../helpers/chromium';
import { fakeImage, submission } from '../server/helpers';
import { backToReport, FIXTURES, sendOneActionReport, signIn, waitForStatus, waitSaved } from './app-flow';
import { ensureDist } from './endpoint-harness';

const PORTRAIT = `${FIXTURES}orientation-6_portrait_labeled.jpg`;
const SHOTS = process.env.SCREENSHOT_DIR;
const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1366, height: 768 };
const month = periodOfDate(new Date());
const lastMonth = shiftPeriod(month, -1);

let server: RunningServer;
let dataDir: string;
let browser: Browser;
let phoneA: Page;
let phoneB: Page;
let regional: Page;
let regionalPhone: Page;
let central: Page;
let reportId: string;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};
async function open(viewport: { width: number; height: number }, who: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'pt-BR', deviceScaleFactor: 1 });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  await page.goto(server.url);
  return page;
}
const account = (role: string) => server.demoAccounts.find((a) => a.role === role)!;
async function signInReviewer(page: Page, role: 'regional' | 'central') {
  await page.getByLabel('Usuário').fill(account(role).login);
  await page.getByLabel('Senha').fill(account(role).password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: /^Relatórios recebidos — / }).waitFor();
}

/** Sideways scroll of the page in CSS pixels (0 = none), and the elements that stick out. */
async function overflow(page: Page, where = ''): Promise<number> {
  const { px, culprits } = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { px: document.documentElement.scrollWidth - vw, culprits };
  });
  expect(px, `${where} sticks out: ${culprits.join(', ')}`).toBe(0);
  return px;
}
const box = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height, vh: innerHeight, vw: innerWidth };
  });
const inViewport = (b: { top: number; bottom: number; vh: number }) => b.top >= 0 && b.bottom <= b.vh && b.bottom > b.top;

/** The rendered and the natural aspect ratio (height / width) of the first report photo. */
async function photoAspect(page: Page) {
  const img = page.locator('.review-report .report-photo img').first();
  await img.waitFor();
  return img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const r = el.getBoundingClientRect();
    return { rendered: r.height / r.width, natural: el.naturalHeight / el.naturalWidth };
  });
}

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  await ensureDist();
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-review-live-'));
  server = await startServer({ port: 0, dataDir, distDir: resolve('dist'), demo: true, logger: false, limits: { scryptLog2N: 10 }, notifications: false });
  // Last month: 120 reports of towns outside the BH unit, for the central list's paging (#11).
  const agent = (await server.store.accounts.findLogin(account('agent').login))!.user;
  const image = fakeImage({ size: 500 });
  await server.store.photos.put({ sha256: image.sha256, mimeType: image.type, bytes: image.bytes, userId: agent.id, now: new Date() });
  const bh = new Set(municipalitiesOfRegional('Belo Horizonte').map((m) => m.code));
  for (const m of allMunicipalities().filter((x) => !bh.has(x.code)).slice(0, 120)) {
    const out = await server.store.reports.put(submission({ photos: [image.sha256], municipalityCode: m.code, period: lastMonth }) as never, agent, new Date());
    expect(out.outcome).toBe('created');
  }
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two phones of one municipality and a live regional screen (#12)', () => {
  it('phone A sends the month; phone B signs in, sees it with its status and protocol, and is not offered it again', async () => {
    phoneA = await open(PHONE, 'phone A');
    await signIn(phoneA, account('agent').login, account('agent').password);
    await sendOneActionReport(phoneA, PORTRAIT);
    const protocol = (await phoneA.locator('.card').first().textContent())?.match(/MG-\d{4}-\d{2}-3106200-\d{4}/)?.[0];
    expect(protocol).toBeTruthy();

    phoneB = await open(PHONE, 'phone B');
    await signIn(phoneB, account('agent').login, account('agent').password);
    await waitForStatus(phoneB, 'Recebido pela regional');
    const card = phoneB.locator('.card').filter({ hasText: formatPeriod(month) }).first();
    expect(await card.textContent()).toContain(protocol);
    expect(await phoneB.getByRole('button', { name: `Começar relatório de ${formatPeriod(month)}` }).count()).toBe(0);
    await overflow(phoneB);
    await shot(phoneB, 'live-1-phone-b-list');
  });

  it('the regional unit at 1366 px: report beside the decision, decision in view after scrolling, portrait uncropped', async () => {
    regional = await open(DESKTOP, 'regional 1366');
    await signInReviewer(regional, 'regional');
    // The list uses the width: cards in columns, the unit's standing beside them.
    await regional.locator('.review-cards .card').first().waitFor();
    await regional.getByTestId('updated-at').waitFor();
    const cards = await box(regional, '.review-main');
    const side = await box(regional, '.review-side');
    expect(side.left).toBeGreaterThanOrEqual(cards.right);
    expect(Math.abs(side.top - cards.top)).toBeLessThan(40);
    await overflow(regional);
    await shot(regional, 'live-2-regional-list-1366');

    await regional.getByRole('link', { name: /Belo Horizonte/ }).click();
    await regional.getByRole('heading', { name: 'Ação 1 — Palestra sobre dengue na escola' }).waitFor();
    reportId = regional.url().split('/').pop()!;
    const main = await box(regional, '.review-report .review-main');
    const aside = await box(regional, '.review-report .review-side');
    expect(aside.left).toBeGreaterThanOrEqual(main.right);
    expect(main.width).toBeGreaterThan(600);
    await overflow(regional);
    // Readable lines: the action's text column holds at most ~80 characters of its own text.
    const perLine = await regional.locator('.review-report .action-facts dd').last().evaluate((dd) => {
      const probe = document.createElement('span');
      probe.textContent = 'Eliminação de criadouros com os alunos da escola';
      dd.appendChild(probe);
      const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
      probe.remove();
      return dd.getBoundingClientRect().width / perChar;
    });
    expect(perLine).toBeLessThan(85);
    const aspect = await photoAspect(regional);
    expect(aspect.natural).toBeGreaterThan(1); // a portrait
    expect(Math.abs(aspect.rendered - aspect.natural) / aspect.natural).toBeLessThan(0.02);
    // Scrolled to the end, the decision is still on screen (sticky side column).
    await regional.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await regional.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(inViewport(await box(regional, 'button.danger:has-text("Devolver para correção")'))).toBe(true);
    await shot(regional, 'live-3-regional-report-1366');

    await regional.getByLabel('Comentário para o município (obrigatório)').fill('Informe o número exato de participantes.');
    await regional.getByLabel('Ação 1', { exact: true }).check();
    await regional.getByRole('button', { name: 'Devolver para correção' }).click();
    await regional.getByText('Devolvido ao município: aguardando uma nova revisão.').waitFor();
  });

  it('the same report at 360 px: no sideways scroll, a decision bar pinned while scrolling, portrait uncropped', async () => {
    regionalPhone = await open(PHONE, 'regional 360');
    await signInReviewer(regionalPhone, 'regional');
    await overflow(regionalPhone);
    await regionalPhone.goto(`${server.url}/#/revisao/relatorio/${reportId}`);
    await regionalPhone.getByRole('heading', { name: 'Ação 1 — Palestra sobre dengue na escola' }).waitFor();
    const aspect = await photoAspect(regionalPhone);
    expect(Math.abs(aspect.rendered - aspect.natural) / aspect.natural).toBeLessThan(0.02);
    await overflow(regionalPhone);
    // One column: the decision comes after the evidence…
    const main = await box(regionalPhone, '.review-report .review-main');
    const aside = await box(regionalPhone, '.review-report .review-side');
    expect(aside.top).toBeGreaterThanOrEqual(main.bottom);
    // …and the bar stays pinned to the bottom while the actions scroll by.
    await regionalPhone.locator('.report-photo').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const bar = await box(regionalPhone, '[data-testid="decision-bar"]');
    expect(inViewport(bar)).toBe(true);
    expect(bar.vh - bar.bottom).toBeLessThan(2);
    await shot(regionalPhone, 'live-4-regional-report-360');
    await regionalPhone.getByRole('button', { name: 'Ir para a decisão' }).click();
    await regionalPhone.waitForFunction(() => document.activeElement?.id === 'decision-title', null, { timeout: 5_000 })
      .catch(async (e) => { throw new Error(`focus on ${await regionalPhone.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}: ${e}`); });
    expect(inViewport(await box(regionalPhone, '#decision-title'))).toBe(true);
  });

  it('phone B sees the marks, corrects as revision 2 and sends; the regional\'s open screen shows it without reload', async () => {
    await phoneB.reload();
    await waitForStatus(phoneB, 'Devolvido pela regional');
    await phoneB.locator('.card').first().locator('a').first().click();
    await phoneB.getByRole('link', { name: /Palestra sobre dengue/ }).filter({ hasText: 'correção pedida' }).waitFor();
    await phoneB.getByRole('link', { name: /Palestra sobre dengue/ }).click();
    await phoneB.getByText('A regional pediu correção nesta ação').waitFor();
    await phoneB.getByLabel('Número de participantes').fill('43');
    await waitSaved(phoneB);
    await backToReport(phoneB);
    await phoneB.getByRole('link', { name: 'Verificar e enviar' }).click();
    await phoneB.getByRole('button', { name: 'Enviar relatório' }).click();
    await waitForStatus(phoneB, 'Recebido pela regional');

    // No reload, no navigation: the quiet refresh (every 20 s, a 304 while nothing changed) finds revision 2.
    const navigations: string[] = [];
    regional.on('framenavigated', (f) => navigations.push(f.url()));
    await regional.getByTestId('new-revision').waitFor({ timeout: 60_000 });
    expect(await regional.getByTestId('new-revision').textContent()).toContain('Chegou a revisão 2');
    expect(await regional.getByText('Devolvido ao município: aguardando uma nova revisão.').count()).toBe(0);
    await regional.getByText(/^2, recebida em/).waitFor();
    expect(await regional.locator('.action-facts').first().textContent()).toContain('43');
    expect(navigations).toEqual([]);
    await regional.getByRole('button', { name: 'Aprovar e encaminhar ao nível central' }).waitFor();
    await shot(regional, 'live-5-regional-new-revision');
  });
});

describe('central: paging the list (#11) and publishing a highlight (#15)', () => {
  it('pages last month with "Carregar mais", keeps the filter, shows the count and an empty state', async () => {
    central = await open(DESKTOP, 'central 1366');
    await signInReviewer(central, 'central');
    await central.goto(`${server.url}/#/revisao?mes=${lastMonth}`);
    await central.getByText('Mostrando 100 de 120 relatórios').waitFor();
    expect(await central.locator('.review-cards .card').count()).toBe(100);
    await central.getByRole('button', { name: 'Carregar mais' }).click();
    await central.getByText('120 relatórios — todos carregados').waitFor();
    expect(await central.locator('.review-cards .card').count()).toBe(120);
    expect(await central.getByRole('button', { name: 'Carregar mais' }).count()).toBe(0);
    await central.getByLabel('Situação').selectOption('returned');
    await central.getByText(`Nenhum relatório com a situação “Devolvido para correção” em ${formatPeriod(lastMonth)}.`).waitFor();
    expect(central.url()).toContain(`mes=${lastMonth}`);
    expect(central.url()).toContain('situacao=returned');
    await overflow(central);
  });

  it('marks an action as destaque with photo and consent; it appears on /publico/destaques without EXIF; unpublished → gone', async () => {
    await central.goto(`${server.url}/#/revisao/relatorio/${reportId}`);
    await central.getByRole('heading', { name: 'Ação 1 — Palestra sobre dengue na escola' }).waitFor();
    await central.getByRole('button', { name: 'Publicar como destaque do mês' }).click();
    const form = central.locator('.highlight-form');
    await form.getByLabel('Título público').fill('Escola contra a dengue em Belo Horizonte');
    await form.getByLabel('Texto público').fill('Alunos e professores eliminaram criadouros do mosquito no bairro da escola.');
    await form.getByLabel('Foto 1.1').check();
    await overflow(central);
    const formBox = await box(central, '.highlight-form');
    expect(formBox.right).toBeLessThanOrEqual(formBox.vw);
    // No photo is public without the consent.
    await form.getByRole('button', { name: 'Publicar' }).click();
    await central.getByText(/^Para publicar fotos, marque/).waitFor();
    await form.getByLabel(/autorizaram o uso de imagem/).check();
    await form.getByRole('button', { name: 'Publicar' }).click();
    await central.getByText('Destaque publicado no site público.').waitFor();
    await shot(central, 'live-6-central-highlight');

    // A visitor with no account (a context of its own: the app's service worker would answer navigations).
    const visitor = await browser.newContext({ viewport: PHONE, locale: 'pt-BR' });
    contexts.push(visitor);
    const site = await visitor.newPage();
    await site.goto(`${server.url}/publico/destaques`);
    await site.getByRole('heading', { name: 'Escola contra a dengue em Belo Horizonte' }).waitFor();
    const srcs = await site.locator('img[src*="/publico/fotos/"]').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    expect(srcs).toHaveLength(1);
    const full = srcs[0].replace('-mini.jpg', '-grande.jpg');
    for (const url of [srcs[0], full]) {
      const res = await site.request.get(url);
      expect(res.status()).toBe(200);
      const bytes = new Uint8Array(await res.body());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      const segments = [...jpegSegments(bytes)];
      expect(segments.some((s) => isExifSegment(bytes, s))).toBe(false);
      expect(segments.filter((s) => s.marker >= 0xe1 && s.marker <= 0xef)).toEqual([]);
      expect(Buffer.from(bytes).includes('GPS')).toBe(false);
      expect(bytes.length).toBeLessThanOrEqual(url === full ? 200 * 1024 : 30 * 1024);
    }
    await shot(site, 'live-7-public-highlights');

    await central.getByRole('button', { name: 'Retirar do site público' }).click();
    await central.getByText('Destaque retirado do site público.').waitFor();
    await site.reload();
    await site.getByText('Nenhum destaque publicado nos últimos 12 meses.').waitFor();
    expect((await site.request.get(srcs[0])).status()).toBe(404);
  });

  it('the highlight form and the Painel map fit at 360 px and use the width at 1366 px', async () => {
    for (const [page, viewport] of [[regionalPhone, PHONE], [central, DESKTOP]] as const) {
      await page.goto(`${server.url}/#/revisao/relatorio/${reportId}`);
      await page.getByRole('heading', { name: 'Ação 1 — Palestra sobre dengue na escola' }).waitFor();
      await page.getByRole('button', { name: /como destaque do mês$|^Editar destaque$/ }).first().click();
      await page.locator('.highlight-form').waitFor();
      await overflow(page, `highlight form at ${viewport.width}`);
      const f = await box(page, '.highlight-form');
      expect(f.left).toBeGreaterThanOrEqual(0);
      expect(f.right).toBeLessThanOrEqual(f.vw);
      await shot(page, `live-8-highlight-form-${viewport.width}`);

      await page.getByRole('link', { name: 'Painel' }).click();
      await page.locator('.map-box svg').waitFor({ timeout: 30_000 });
      await overflow(page, `Painel at ${viewport.width}`);
      const map = await box(page, '.map-box svg');
      expect(map.left).toBeGreaterThanOrEqual(0);
      expect(map.right).toBeLessThanOrEqual(map.vw);
      // At 1366 the map is drawn large (the office screen), at 360 it fills the phone's width.
      if (viewport.width === DESKTOP.width) expect(map.width).toBeGreaterThan(600);
      else expect(map.width).toBeGreaterThan(300);
      await shot(page, `live-9-panel-map-${viewport.width}`);
    }
    expect(problems).toEqual([]);
  });
});
