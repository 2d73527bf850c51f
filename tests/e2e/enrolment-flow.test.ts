// Issue #13 end to end, in Chromium against the real endpoint (PGlite in a temp dir), with only a
// central account made by the users CLI: central creates a regional account and its link opens in
// a second context; the regional imports a 3-row CSV and opens one agent's link on a phone
// (360×640); the agent sets a password, records an action with a photo and sends it while the
// phone is offline; the regional revokes that phone; back online the phone asks to sign in again,
// and after signing in with the new password the queued report is delivered.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsersCli } from '../../server/cli/users-cli';
import { startServer, type RunningServer } from '../../server/start';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { addAction, backToReport, fillCompleteAction, waitForStatus } from './app-flow';

const PHOTO = 'gps_nikon-coolpix-p6000.jpg'; // in ../shared/fixtures/photos/
const SHOTS = process.env.SCREENSHOT_DIR;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `enrol-${name}.png`), fullPage: true });
};
const LINK_RE = /\/#\/entrar\?codigo=[A-Za-z0-9_-]{43}$/;

let server: RunningServer;
let dataDir: string;
let desktop: Browser;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
let central: Page;
let regional: Page;
let regionalContext: BrowserContext;
let agent: Page;
let centralPassword = '';
let agentLink = '';
let agentLogin = '';
const problems: string[] = [];

const watch = (page: Page, who: string) => {
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(`${who}: ${m.text()}`); });
  page.on('dialog', (d) => void d.accept());
};

/** No horizontal scrolling: the screen fits its viewport (360 px phones, 1366 px desktops). */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

beforeAll(async () => {
  const { existsSync } = await import('node:fs');
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-enrol-e2e-'));
  const out: string[] = [];
  const code = await runUsersCli(['add', '--login', 'coord', '--name', 'Coordenação Estadual', '--role', 'central'], { dataDir }, (s) => out.push(s));
  expect(code).toBe(0);
  centralPassword = /Senha gerada \(mostrada só agora\): (\S+)/.exec(out.join('\n'))?.[1] ?? '';
  server = await startServer({ port: 0, dataDir, distDir: resolve('dist'), limits: { scryptLog2N: 10 } });
  desktop = await launchBrowser();
  phone = await launchPersistent();
});
afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function redeem(page: Page, link: string, password: string, device: string) {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Primeiro acesso ao Mobiliza' }).waitFor();
  await page.getByTestId('redeem-login').waitFor();
  const login = (await page.getByTestId('redeem-login').textContent()) ?? '';
  await page.getByLabel(/^Nova senha/).fill(password);
  await page.getByLabel('Repita a senha').fill(password);
  await page.getByLabel('Nome deste aparelho').fill(device);
  await page.getByRole('button', { name: 'Salvar senha e entrar' }).click();
  return login;
}

describe('enrolling the network without a shell, end to end', () => {
  it('central (made by the CLI) creates a regional account and gets its one-time link and QR code (1366 px)', async () => {
    expect(centralPassword).not.toBe('');
    const context = await desktop.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    central = await context.newPage();
    watch(central, 'central');
    await central.goto(server.url);
    await central.getByLabel('Usuário').fill('coord');
    await central.getByLabel('Senha').fill(centralPassword);
    await central.getByRole('button', { name: 'Entrar' }).click();
    await central.getByRole('link', { name: 'Equipe' }).click();
    await central.getByRole('heading', { name: 'Núcleos municipais' }).waitFor();
    await central.getByText('853 municípios · 0 com núcleo ativo').waitFor();
    await central.getByRole('link', { name: 'Nova conta' }).click();
    await central.getByLabel('Nome completo').fill('Regional Belo Horizonte');
    await central.getByLabel('Papel').selectOption('regional');
    await central.getByLabel('Unidade regional de saúde').selectOption('Belo Horizonte');
    await central.getByLabel(/^Celular/).fill('(31) 3333-0000');
    await central.getByRole('button', { name: 'Criar conta e gerar acesso' }).click();
    await central.getByRole('heading', { name: 'Novo acesso de Regional Belo Horizonte' }).waitFor();
    const link = await central.getByLabel('Link de acesso').inputValue();
    expect(link).toMatch(LINK_RE);
    expect(link.startsWith(server.url)).toBe(true);
    expect(await central.locator('svg.qr path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    // No Web Share in headless Chromium: "Compartilhar" copies the link instead.
    await central.getByRole('button', { name: 'Compartilhar' }).click();
    await central.getByText(/Link copiado|Não foi possível copiar/).waitFor();
    expect(await fits(central)).toBe(true);
    await shot(central, '1-central-access');

    // The regional opens its link in a second context (a phone-sized window: 360 px).
    regionalContext = await desktop.newContext({ viewport: { width: 360, height: 740 }, locale: 'pt-BR', acceptDownloads: true });
    regional = await regionalContext.newPage();
    watch(regional, 'regional');
    const login = await redeem(regional, link, 'senha-da-regional-1', 'Notebook da URS');
    expect(login).toBe('regional.horizonte');
    await regional.getByRole('heading', { name: /^Relatórios recebidos — / }).waitFor();

    // A used link is refused with a clear message.
    const again = await desktop.newContext({ locale: 'pt-BR' });
    const reuse = await again.newPage();
    await reuse.goto(link);
    await reuse.getByRole('alert').filter({ hasText: 'Este link de acesso já foi usado' }).waitFor();
    await again.close();
  });

  it('the regional imports a 3-row CSV (preview, confirm, links file) at 360 px', async () => {
    await regional.getByRole('link', { name: 'Equipe' }).click();
    await regional.getByRole('heading', { name: 'Núcleos municipais' }).waitFor();
    await regional.getByText(/^39 municípios/).waitFor();
    expect(await fits(regional)).toBe(true);
    await shot(regional, '2-regional-nucleos');
    await regional.getByRole('link', { name: 'Importar planilha' }).click();
    const csv = 'municipio;nome;telefone;email\r\nBelo Horizonte;Ana Souza;(31) 99999-0001;ana@example.org\r\nBetim;Bruno Lima;;\r\nContagem;Carla Dias;(31) 98888-0003;\r\n';
    await regional.getByLabel('Arquivo CSV').setInputFiles({ name: 'agentes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await regional.getByText('agentes.csv: 3 linhas · 3 prontas para criar · 0 com problemas').waitFor();
    expect(await fits(regional)).toBe(true);
    await shot(regional, '3-regional-import');
    await regional.getByRole('button', { name: 'Confirmar e criar 3 contas' }).click();
    await regional.getByText(/^3 contas criadas\./).waitFor();
    const [download] = await Promise.all([regional.waitForEvent('download'), regional.getByRole('button', { name: 'Baixar links de acesso (CSV)' }).click()]);
    const file = readFileSync((await download.path()) as string, 'utf8');
    const lines = file.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nome;Usuário;Município;Link de acesso (uso único);Válido até');
    expect(lines).toHaveLength(4);
    expect(file).not.toMatch(/senha/i);
    const ana = lines.find((l) => l.startsWith('Ana Souza;'))!.split(';');
    agentLogin = ana[1];
    agentLink = ana[3];
    expect(agentLogin).toBe('ana.souza');
    expect(agentLink).toMatch(LINK_RE);
  });

  it('the agent opens the link on a phone (360×640), sets a password, records an action with a photo and sends it offline', async () => {
    agent = await phone.context.newPage();
    watch(agent, 'agent');
    await redeem(agent, agentLink, 'senha-da-ana-123', 'Celular da Ana');
    await agent.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
    expect(await agent.evaluate(() => location.hash)).toBe('#/');
    await agent.evaluate(async () => { await navigator.serviceWorker.ready; });

    await agent.getByRole('button', { name: /^Começar relatório de / }).click();
    await agent.getByRole('heading', { name: /^Relatório de / }).waitFor();
    await addAction(agent);
    await fillCompleteAction(agent, 'Roda de conversa sobre dengue', [PHOTO]);
    await backToReport(agent);
    await phone.context.setOffline(true);
    await agent.getByRole('link', { name: 'Verificar e enviar' }).click();
    await agent.getByRole('button', { name: 'Enviar relatório' }).click();
    await agent.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
    await agent.getByTestId('sync-bar').filter({ hasText: '1 relatório não enviado' }).waitFor();
  });

  it('the regional revokes that phone; back online the phone asks to sign in, keeps the report, and delivers it after sign-in', async () => {
    await regional.getByRole('link', { name: 'Núcleos municipais' }).click();
    await regional.getByLabel('Buscar município').fill('belo horiz');
    await regional.getByRole('link', { name: /^Belo Horizonte/ }).click();
    await regional.getByRole('link', { name: /^Ana Souza/ }).click();
    await regional.getByRole('heading', { name: 'Ana Souza' }).waitFor();
    await regional.getByText('Celular da Ana').waitFor();
    expect(await fits(regional)).toBe(true);
    await shot(regional, '4-regional-account');
    await regional.getByRole('button', { name: 'Desconectar' }).click();
    await regional.getByText('Nenhum aparelho conectado.').waitFor();

    await phone.context.setOffline(false);
    await agent.reload(); // app start → delivery attempt → 401
    await agent.getByText('Sua sessão expirou. Entre para enviar — nada foi perdido.').waitFor({ timeout: 60_000 });
    await agent.getByTestId('sync-bar').filter({ hasText: '1 relatório não enviado' }).waitFor();
    await agent.getByRole('link', { name: 'Entrar', exact: true }).click();
    await agent.getByLabel('Usuário').fill(agentLogin);
    await agent.getByLabel('Senha').fill('senha-da-ana-123');
    await agent.getByRole('button', { name: 'Entrar' }).click();
    await agent.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
    await waitForStatus(agent, 'Recebido pela regional');

    await regional.getByRole('link', { name: 'Relatórios recebidos' }).click();
    await regional.getByRole('link', { name: /Belo Horizonte/ }).waitFor();
    await regional.getByRole('link', { name: 'Equipe' }).click();
    await regional.getByText(/1 com núcleo ativo/).waitFor();
    expect(problems).toEqual([]);
  });
});
