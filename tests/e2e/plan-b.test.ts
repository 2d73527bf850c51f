// Issue #17 part 4 end to end, in Chromium against the real endpoint: an agent with no data plan
// shares a queued report through the share sheet (stubbed: the files are captured), the regional
// imports those files in another browser, the Painel counts the report once, and when the phone
// gets a connection its queued PUT gets the same protocol — one report at the server.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { addAction, backToReport, fillCompleteAction, openNewReport, sendReport, signIn, waitForServiceWorker, waitForStatus } from './app-flow';
import { lines, startEndpoint, type Endpoint, ensureDist } from './endpoint-harness';

interface Shared { name: string; type: string; data: string }

let ep: Endpoint;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
let desktop: Browser;
let agent: Page;
let regional: Page;
let regionalContext: BrowserContext;
let shared: Shared[] = [];
let protocol = '';
const problems: string[] = [];

beforeAll(async () => {
  await ensureDist();
  ep = await startEndpoint();
  phone = await launchPersistent();
  desktop = await launchBrowser();
  // The share sheet: say yes to files and keep what would have gone to WhatsApp.
  await phone.context.addInitScript(() => {
    const w = window as unknown as { __shared?: Shared[] };
    Object.defineProperty(navigator, 'canShare', { configurable: true, value: (d?: ShareData) => !!d?.files?.length && d.files.every((f) => /^(image\/|text\/plain)/.test(f.type)) });
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (d: ShareData) => {
        const b64 = async (f: File) => { let s = ''; for (const c of new Uint8Array(await f.arrayBuffer())) s += String.fromCharCode(c); return btoa(s); };
        w.__shared = await Promise.all((d.files ?? []).map(async (f) => ({ name: f.name, type: f.type, data: await b64(f) })));
      },
    });
  });
}, 120_000);
afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await ep?.close();
});

const firstCard = () => agent.locator('.card').first();
const period = () => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`; };

/** What the endpoint holds, asked directly as the regional account (not through the proxy). */
async function serverReports() {
  const base = ep.backend()!.url;
  const login = await fetch(`${base}/api/v1/auth/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: ep.accounts.regional.login, password: ep.accounts.regional.password }),
  });
  const { token } = await login.json();
  const { reports } = await (await fetch(`${base}/api/v1/reports?period=${period()}`, { headers: { authorization: `Bearer ${token}` } })).json();
  return reports as { id: string; protocol: string; revision: number }[];
}

describe('Plan B: a report through WhatsApp, end to end', () => {
  it('the agent, offline, shares the queued report as photos + a .txt', async () => {
    agent = await phone.context.newPage();
    agent.on('pageerror', (e) => problems.push(`agent: ${e.message}`));
    await agent.goto(ep.url);
    await signIn(agent, ep.accounts.agent.login, ep.accounts.agent.password);
    await waitForServiceWorker(agent);
    await phone.context.setOffline(true);
    const before = ep.seen.length;
    await openNewReport(agent);
    await addAction(agent);
    await fillCompleteAction(agent, 'Palestra sobre dengue', ['gps_nikon-coolpix-p6000.jpg', 'orientation-6_portrait_labeled.jpg']);
    await backToReport(agent);
    await sendReport(agent);
    await waitForStatus(agent, 'Na fila — aguardando conexão');
    await firstCard().locator('a').first().click();
    await agent.getByRole('button', { name: 'Enviar pelo WhatsApp' }).click();
    await agent.getByText(/^Arquivos compartilhados\./).waitFor();
    shared = await agent.evaluate(() => (window as unknown as { __shared: Shared[] }).__shared);
    expect(shared.map((f) => [f.name, f.type])).toEqual([
      ['Foto 1.1.jpg', 'image/jpeg'], ['Foto 1.2.jpg', 'image/jpeg'], [`Relatório Belo Horizonte ${period()}.txt`, 'text/plain'],
    ]);
    expect(Buffer.from(shared[2].data, 'base64').toString('utf8')).toMatch(/^Relatório mensal do Mobiliza — Belo Horizonte/);
    expect(ep.seen.length).toBe(before); // nothing reached the endpoint: the phone has no connection
  }, 180_000);

  it('the regional imports the files in another browser; the Painel counts the report once', async () => {
    regionalContext = await desktop.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
    regional = await regionalContext.newPage();
    regional.on('pageerror', (e) => problems.push(`regional: ${e.message}`));
    await regional.goto(ep.url);
    await regional.getByLabel('Usuário').fill(ep.accounts.regional.login);
    await regional.getByLabel('Senha').fill(ep.accounts.regional.password);
    await regional.getByRole('button', { name: 'Entrar' }).click();
    await regional.getByRole('link', { name: 'Importar relatório recebido' }).click();
    await regional.getByRole('heading', { name: 'Importar relatório recebido' }).waitFor();
    const files = shared.map((f) => ({ name: f.name, mimeType: f.type, buffer: Buffer.from(f.data, 'base64') }));

    // a photo re-encoded on the way (as WhatsApp does with images) is refused, naming it
    const altered = files.map((f) => (f.name === 'Foto 1.2.jpg' ? { ...f, buffer: Buffer.concat([f.buffer, Buffer.from([0])]) } : f));
    await regional.getByLabel('Arquivos do relatório (.txt e fotos)').setInputFiles(altered);
    await regional.getByRole('button', { name: 'Importar' }).click();
    await regional.getByRole('alert').filter({ hasText: 'Foto diferente da original: “Foto 1.2.jpg”' }).waitFor();

    await regional.getByLabel('Arquivos do relatório (.txt e fotos)').setInputFiles(files);
    await regional.getByRole('button', { name: 'Importar' }).click();
    const done = regional.getByTestId('import-done');
    await done.waitFor();
    protocol = /Protocolo (MG-\S+)\./.exec((await done.textContent()) ?? '')?.[1] ?? '';
    expect(protocol).toBe(`MG-${period()}-3106200-0001`);
    // the screen fits 1366 px and 360 px without sideways scrolling
    for (const width of [1366, 360]) {
      await regional.setViewportSize({ width, height: 800 });
      expect(await regional.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    await regional.setViewportSize({ width: 1366, height: 900 });

    await regional.getByRole('link', { name: 'Painel' }).click();
    await regional.getByTestId('kpi-actions').filter({ hasText: /^1$/ }).waitFor();
    expect(await regional.getByText('1 de 39 municípios enviaram').count()).toBe(1);
    await regional.getByRole('link', { name: 'Relatórios recebidos' }).click();
    await regional.getByText(`Protocolo ${protocol}`).waitFor();
    expect(await serverReports()).toHaveLength(1);
  }, 120_000);

  it('the phone goes online: its queued PUT gets the same protocol, and no second report exists', async () => {
    const before = ep.seen.length;
    await phone.context.setOffline(false);
    await agent.getByRole('link', { name: '‹ Relatórios' }).click();
    await agent.reload();
    await waitForStatus(agent, 'Recebido pela regional');
    expect(await firstCard().textContent()).toContain(`protocolo ${protocol}`);
    const reached = ep.seen.slice(before);
    expect(lines(reached, 'PUT /api/v1/photos')).toEqual([]); // the import stored them already
    const put = reached.filter((s) => s.method === 'PUT' && s.path.startsWith('/api/v1/reports/'));
    expect(put.map((s) => s.status)).toEqual([200]); // a repeat, not a new report
    const reports = await serverReports();
    expect(reports.map((r) => [r.protocol, r.revision])).toEqual([[protocol, 1]]);
    expect(problems).toEqual([]);
  }, 120_000);
});
