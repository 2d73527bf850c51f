// Issue #12 end to end in Chromium: the offline conflict of two phones of one municipality (two
// browser contexts, one agent account) against the real endpoint behind the e2e proxy. Phone B
// starts this month offline while phone A sends it; phone B's send meets 409 period_taken, the
// agent merges, reviews the renumbered actions and photos and sends revision 2. The endpoint then
// has one report for the month, holding both phones' actions and each photo once (by sha256 of the
// bytes the phones hold and the endpoint serves), and the Painel counts the municipality-month once.
// Finally a decision made while phone A's app stays open reaches it without reload (the status
// poll shortened with localStorage 'mobiliza:decisionPollMs', the app's test hook).
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodOfDate } from '../../src/domain/period';
import { launchBrowser } from '../helpers/chromium';
import { addAction, backToReport, FIXTURES, fillCompleteAction, openNewReport, sendOneActionReport, signIn, waitForStatus } from './app-flow';
import { ensureDist, startEndpoint, type Endpoint } from './endpoint-harness';

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1366, height: 768 };
const PHOTO_A = `${FIXTURES}orientation-6_portrait_labeled.jpg`;
const PHOTO_B = 'orientation-1_landscape_labeled.jpg';
const TITLE_A = 'Palestra sobre dengue na escola';
const TITLE_B = 'Visita às casas do bairro Esperança';
// The app starts the current month; the message names it ("dezembro de 2026" on the day this was written).
const month = periodOfDate(new Date());
const monthName = formatPeriod(month);

let ep: Endpoint;
let browser: Browser;
let ctxB: BrowserContext;
let phoneA: Page;
let phoneB: Page;
let regional: Page;
let protocol = '';
let reportId = '';
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function open(viewport: { width: number; height: number }, who: string, pollMs?: number): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'pt-BR', deviceScaleFactor: 1 });
  contexts.push(context);
  if (pollMs) await context.addInitScript((ms) => localStorage.setItem('mobiliza:decisionPollMs', String(ms)), pollMs);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  await page.goto(ep.url);
  return page;
}

async function api<T>(path: string): Promise<T> {
  const base = ep.backend()!.url;
  const login = await fetch(`${base}/api/v1/auth/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: ep.accounts.regional.login, password: ep.accounts.regional.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (path.startsWith('/photos/') ? Buffer.from(await res.arrayBuffer()) : await res.json()) as T;
}
const SHOTS = process.env.SCREENSHOT_DIR;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** sha256 of the bytes of every photo blob this phone holds for `reportId`, recomputed in the page. */
const phonePhotoHashes = (page: Page, id: string) =>
  page.evaluate(async (reportId) => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('mobiliza');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const rows = await new Promise<{ reportId: string; blob?: Blob }[]>((ok, ko) => {
      const r = db.transaction('photos').objectStore('photos').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    db.close();
    const out: string[] = [];
    for (const p of rows.filter((x) => x.reportId === reportId && x.blob)) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await p.blob!.arrayBuffer()));
      out.push([...digest].map((b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return out;
  }, id);

beforeAll(async () => {
  await ensureDist();
  ep = await startEndpoint();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await ep?.close();
});

describe('two phones start the same month, one offline: 409 period_taken, merge, one report (#12)', () => {
  it('phone B, offline, starts the month and adds an action with a photo; phone A sends the month meanwhile', async () => {
    phoneA = await open(PHONE, 'phone A', 2_000);
    await signIn(phoneA, ep.accounts.agent.login, ep.accounts.agent.password);
    phoneB = await open(PHONE, 'phone B');
    ctxB = contexts.at(-1)!;
    await signIn(phoneB, ep.accounts.agent.login, ep.accounts.agent.password);
    await phoneB.getByRole('button', { name: `Começar relatório de ${monthName}` }).waitFor();

    await ctxB.setOffline(true);
    await openNewReport(phoneB);
    await addAction(phoneB);
    await fillCompleteAction(phoneB, TITLE_B, [PHOTO_B]);
    await phoneB.getByText('Foto 1.1').first().waitFor();
    await backToReport(phoneB);
    await phoneB.getByRole('link', { name: 'Verificar e enviar' }).click();
    await phoneB.getByTestId('check-ok').waitFor();
    await phoneB.getByRole('button', { name: 'Enviar relatório' }).click();
    await phoneB.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();

    await sendOneActionReport(phoneA, PHOTO_A, TITLE_A);
    protocol = (await phoneA.locator('.card').first().textContent())?.match(/MG-\d{4}-\d{2}-\d{7}-\d{4}/)?.[0] ?? '';
    expect(protocol).toBe(`MG-${month}-3106200-0001`);
  }, 120_000);

  it('phone B goes online: its send meets 409 period_taken and the phone offers to add its actions', async () => {
    const before = ep.seen.length;
    await ctxB.setOffline(false);
    // The list says what happened, on the month's card (the status changes in place).
    const card = phoneB.locator('.card').filter({ hasText: monthName }).first();
    await card.filter({ hasText: 'Precisa de correção' }).filter({ hasText: `protocolo ${protocol}` }).waitFor({ timeout: 30_000 });
    await shot(phoneB, 'conflict-1-list');
    await card.locator('a').first().click();
    const notice = phoneB.getByTestId('conflict');
    await notice.waitFor();
    expect(await phoneB.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await shot(phoneB, 'conflict-2-notice');
    const puts = ep.seen.slice(before).filter((s) => s.method === 'PUT' && s.path.startsWith('/api/v1/reports/'));
    expect(puts.map((s) => s.status)).toContain(409);
    expect(await notice.locator('strong').textContent())
      .toMatch(new RegExp(`^Já existe um relatório de ${monthName} \\(protocolo ${protocol}, enviado por .+\\)\\.$`));
    expect(await phoneB.getByText(/^Já existe um relatório de/).count()).toBe(1); // said once, not above the notice too
    // Nothing is lost meanwhile: the local action is still there, and it cannot be sent as is.
    expect(await phoneB.getByTestId('action-item').allTextContents()).toEqual([expect.stringContaining(TITLE_B)]);
    expect(await phoneB.getByRole('link', { name: 'Verificar e enviar' }).count()).toBe(0);
  }, 60_000);

  it('the agent merges, reviews renumbered actions and photos, and sends revision 2', async () => {
    await phoneB.getByRole('button', { name: 'Juntar minhas ações a esse relatório' }).click();
    await phoneB.getByRole('heading', { name: 'Ações realizadas (2)' }).waitFor();
    await phoneB.getByTestId('merged').filter({ hasText: 'Ações juntadas. Confira o relatório e envie quando estiver pronto.' }).waitFor();
    const items = phoneB.getByTestId('action-item');
    expect(await items.locator('.action-number').allTextContents()).toEqual(['Ação 1', 'Ação 2']);
    expect(await items.locator('.action-title').allTextContents()).toEqual([TITLE_A, TITLE_B]);
    reportId = new URL(phoneB.url()).hash.split('/').find((p) => /^[0-9a-f-]{36}$/.test(p)) ?? '';
    expect(reportId).not.toBe('');

    // Phone B's photo was "Foto 1.1"; now it belongs to action 2. Phone A's photo is fetched from the endpoint.
    await phoneB.getByRole('link', { name: new RegExp(TITLE_B) }).click();
    await phoneB.getByRole('heading', { name: 'Ação 2' }).waitFor();
    await phoneB.getByText('Foto 2.1').first().waitFor();
    expect(await phoneB.getByText('Foto 1.1').count()).toBe(0);
    await backToReport(phoneB);
    await phoneB.getByRole('link', { name: new RegExp(TITLE_A) }).click();
    await phoneB.getByRole('heading', { name: 'Ação 1' }).waitFor();
    await phoneB.getByText('Foto 1.1').first().waitFor();
    await phoneB.waitForFunction(() => [...document.querySelectorAll('.photo-item img')].some((i) => (i as HTMLImageElement).naturalWidth > 0), null, { timeout: 30_000 });
    await backToReport(phoneB);

    await shot(phoneB, 'conflict-3-merged');
    await phoneB.getByRole('link', { name: 'Verificar e enviar' }).click();
    await phoneB.getByTestId('check-ok').waitFor();
    await phoneB.getByRole('button', { name: 'Enviar relatório' }).click();
    await waitForStatus(phoneB, 'Recebido pela regional');
    expect(await phoneB.locator('.card').filter({ hasText: monthName }).count()).toBe(1);
  }, 90_000);

  it('the endpoint has one report for the month: revision 2 with both actions and every photo once, byte-identical', async () => {
    const { reports } = await api<{ reports: { id: string; protocol: string; revision: number; actionCount: number }[] }>(`/reports?period=${month}`);
    expect(reports.map((r) => [r.id, r.protocol, r.revision, r.actionCount])).toEqual([[reportId, protocol, 2, 2]]);
    const detail = await api<{ revision: number; report: { actions: { number: number; title: string; photos: { sha256: string; number: number }[] }[] } }>(`/reports/${reportId}`);
    expect(detail.revision).toBe(2);
    const actions = detail.report.actions;
    expect(actions.map((a) => [a.number, a.title, a.photos.map((p) => p.number)])).toEqual([[1, TITLE_A, [1]], [2, TITLE_B, [1]]]);
    const shas = actions.flatMap((a) => a.photos.map((p) => p.sha256));
    expect(new Set(shas).size).toBe(2);
    for (const sha of shas) expect(sha256(await api<Buffer>(`/photos/${sha}`))).toBe(sha);
    // The bytes each phone holds are the bytes the endpoint serves: A's photo on A, both on B.
    expect(await phonePhotoHashes(phoneA, reportId)).toEqual([actions[0].photos[0].sha256]);
    expect((await phonePhotoHashes(phoneB, reportId)).sort()).toEqual([...shas].sort());
  }, 30_000);

  it('the Painel counts the municipality-month once; a decision reaches phone A while its app stays open', async () => {
    regional = await open(DESKTOP, 'regional 1366');
    await regional.getByLabel('Usuário').fill(ep.accounts.regional.login);
    await regional.getByLabel('Senha').fill(ep.accounts.regional.password);
    await regional.getByRole('button', { name: 'Entrar' }).click();
    await regional.getByRole('heading', { name: /^Relatórios recebidos — / }).waitFor();
    await regional.getByRole('link', { name: 'Painel' }).click();
    await regional.getByTestId('kpi-actions').filter({ hasText: /^2$/ }).waitFor();
    expect(await regional.getByText('1 de 39 municípios enviaram').count()).toBe(1);
    expect(await regional.locator('.data-table tbody tr').allTextContents()).toEqual(['Belo HorizonteBelo Horizonte270']);

    // Phone A stays on its list, no reload: it shows the month received, then the decision.
    await waitForStatus(phoneA, 'Recebido pela regional');
    const navigations: string[] = [];
    phoneA.on('framenavigated', (f) => navigations.push(f.url()));
    await regional.goto(`${ep.url}/#/revisao/relatorio/${reportId}`);
    await regional.getByText(/^2, recebida em/).waitFor();
    await regional.getByRole('heading', { name: `Ação 2 — ${TITLE_B}` }).waitFor();
    await regional.getByText('Foto 2.1').first().waitFor();
    await regional.getByRole('button', { name: 'Aprovar e encaminhar ao nível central' }).click();
    await regional.getByRole('status').filter({ hasText: /^Aprovado e encaminhado ao nível central\./ }).waitFor();
    const decidedAt = Date.now();
    await waitForStatus(phoneA, 'Aprovado', 30_000);
    const latencyMs = Date.now() - decidedAt;
    expect(latencyMs).toBeLessThan(30_000);
    console.info(`decision on phone A after ${latencyMs} ms (status poll every 2 s)`);
    expect(navigations).toEqual([]);
    // Phone A's copy is now the merged revision: both actions.
    await phoneA.locator('.card').filter({ hasText: monthName }).first().locator('a').first().click();
    await phoneA.getByRole('heading', { name: 'Ações realizadas (2)' }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
