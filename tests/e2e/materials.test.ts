// Issue #16 part 3 end to end, in Chromium against the real endpoint: central uploads a PDF piece,
// an image piece and a text tutorial (1366 px and 360 px); the agent's phone keeps them; with the
// network cut the materials screen still opens them, shares the PDF through the Web Share API (only
// the share sheet is stubbed: the File it gets is captured) and falls back to a download; turning
// "Guardar" off in Configurações frees the space and the screen says what is not available offline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { signIn, waitForServiceWorker } from './app-flow';
import { ensureDist } from './endpoint-harness';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40_000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = readFileSync(resolve('public/icons/icon-192.png'));

let server: RunningServer;
let dataDir: string;
let desktop: Browser;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
let agent: Page;
const problems: string[] = [];
const account = (role: string) => server.demoAccounts.find((a) => a.role === role)!;
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const watch = (page: Page, who: string) => {
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(`${who}: ${m.text()}`); });
  page.on('dialog', (d) => void d.accept());
};

beforeAll(async () => {
  await ensureDist();
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-materials-e2e-'));
  server = await startServer({ port: 0, dataDir, distDir: resolve('dist'), demo: true, limits: { scryptLog2N: 10 } });
  desktop = await launchBrowser();
  phone = await launchPersistent();
});
afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('campaign materials, end to end', () => {
  it('central uploads two pieces and a text tutorial; the screen fits 1366 px and 360 px', async () => {
    const context = await desktop.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
    const central = await context.newPage();
    watch(central, 'central');
    await central.goto(server.url);
    await central.getByLabel('Usuário').fill(account('central').login);
    await central.getByLabel('Senha').fill(account('central').password);
    await central.getByRole('button', { name: 'Entrar' }).click();
    await central.getByRole('link', { name: 'Materiais' }).click();
    await central.getByRole('heading', { name: 'Materiais das campanhas e tutoriais' }).waitFor();

    await central.getByLabel('Título').fill('Cartaz da campanha');
    await central.getByLabel(/^Arquivo/).setInputFiles({ name: 'cartaz-campanha.pdf', mimeType: 'application/pdf', buffer: PDF });
    await central.getByRole('button', { name: 'Publicar material' }).click();
    await central.getByText('"Cartaz da campanha" publicado (PDF).').waitFor();

    await central.getByLabel('Título').fill('Card para redes sociais');
    // a PNG named .jpg: the endpoint stores what the bytes are
    await central.getByLabel(/^Arquivo/).setInputFiles({ name: 'card.jpg', mimeType: 'image/jpeg', buffer: PNG });
    await central.getByRole('button', { name: 'Publicar material' }).click();
    await central.getByText('"Card para redes sociais" publicado (imagem).').waitFor();

    await central.getByLabel('Tutorial de oficina').check();
    await central.getByLabel('Título').fill('Teatro na praça');
    await central.getByLabel('Oficina', { exact: true }).selectOption('teatro');
    await central.getByLabel(/Ou os passos/).fill('Aquecimento em roda\n<script>alert(1)</script>');
    await central.getByRole('button', { name: 'Publicar material' }).click();
    await central.getByText('"Teatro na praça" publicado.').waitFor();
    // "publicado" shows when the upload is answered; the list reloads right after it
    await expect.poll(() => central.getByTestId('material-row').count(), { timeout: 5_000 }).toBe(3);
    await expect.poll(() => fits(central), { timeout: 5_000 }).toBe(true); // a layout still settling gets a moment; a lasting overflow fails
    await central.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => fits(central), { timeout: 5_000 }).toBe(true); // a layout still settling gets a moment; a lasting overflow fails

    // partners: the public site lists them, server-rendered
    await central.goto(`${server.url}/publico/materiais`);
    await central.getByRole('heading', { name: 'Cartaz da campanha' }).waitFor();
    expect(await central.locator('li', { hasText: '<script>alert(1)</script>' }).count()).toBe(1);
    await context.close();
  });

  it('the agent\'s phone keeps the month\'s pieces and says so in Configurações', async () => {
    await phone.context.addInitScript(() => {
      // Only the share sheet is stubbed: canShare answers like Android Chrome for files, share captures them.
      const w = window as unknown as { shared: unknown[]; canShareFiles: boolean };
      w.shared = [];
      w.canShareFiles = true;
      Object.defineProperty(navigator, 'canShare', { configurable: true, value: (d?: ShareData) => w.canShareFiles && !!d?.files?.length });
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: async (d: ShareData) => {
          const f = d.files![0];
          const head = String.fromCharCode(...new Uint8Array(await f.slice(0, 5).arrayBuffer()));
          w.shared.push({ name: f.name, type: f.type, size: f.size, head, title: d.title });
        },
      });
    });
    agent = await phone.context.newPage();
    watch(agent, 'agent');
    await agent.goto(server.url);
    await signIn(agent, account('agent').login, account('agent').password);
    await waitForServiceWorker(agent);
    await agent.getByRole('link', { name: 'Materiais' }).click();
    await agent.getByRole('heading', { name: /^Peças de / }).waitFor();
    await agent.getByText(/guardado no celular/).nth(1).waitFor();
    await agent.goto(`${server.url}/#/configuracoes`);
    await agent.getByTestId('materials-usage').filter({ hasText: /^2 arquivos guardados, 0(,\d)? MB/ }).waitFor();
  });

  it('offline, the pieces open, the PDF is shared as a file, and the download is the fallback', async () => {
    await phone.context.setOffline(true);
    await agent.goto(`${server.url}/#/materiais`);
    await agent.getByText('Sem internet: aparecem os materiais guardados neste celular.').waitFor();
    const card = agent.getByTestId('material').filter({ hasText: 'Card para redes sociais' });
    await card.locator('img').waitFor();
    expect(await card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
    const pdf = agent.getByTestId('material').filter({ hasText: 'Cartaz da campanha' });
    await pdf.getByRole('button', { name: 'Compartilhar' }).click();
    await agent.waitForFunction(() => (window as unknown as { shared: unknown[] }).shared.length === 1);
    expect(await agent.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([
      { name: 'cartaz-campanha.pdf', type: 'application/pdf', size: PDF.length, head: '%PDF-', title: 'Cartaz da campanha' },
    ]);
    // where files cannot be shared: the download
    await agent.evaluate(() => { (window as unknown as { canShareFiles: boolean }).canShareFiles = false; });
    const [download] = await Promise.all([agent.waitForEvent('download'), pdf.getByRole('button', { name: 'Compartilhar' }).click()]);
    expect(download.suggestedFilename()).toBe('cartaz-campanha.pdf');
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const tutorial = agent.getByTestId('material').filter({ hasText: 'Teatro na praça' });
    expect(await tutorial.locator('li').allTextContents()).toEqual(['Aquecimento em roda', '<script>alert(1)</script>']);
    await expect.poll(() => fits(agent), { timeout: 5_000 }).toBe(true); // a layout still settling gets a moment; a lasting overflow fails
  });

  it('turning "Guardar" off frees the space; offline the screen says what is not available', async () => {
    await agent.goto(`${server.url}/#/configuracoes`);
    await agent.getByLabel('Guardar as peças do mês e os tutoriais neste celular').uncheck();
    await agent.getByTestId('materials-usage').filter({ hasText: /^0 arquivos guardados, 0(,0)? MB/ }).waitFor();
    await agent.goto(`${server.url}/#/materiais`);
    await agent.getByText(/não disponível sem internet/).nth(1).waitFor();
    expect(await agent.getByRole('button', { name: 'Compartilhar' }).evaluateAll((b) => b.map((x) => (x as HTMLButtonElement).disabled))).toEqual([true, true]);
    await phone.context.setOffline(false);
    expect(problems).toEqual([]);
  });
});
