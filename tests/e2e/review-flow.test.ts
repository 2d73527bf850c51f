// Issue #6 end to end, in Chromium against the real endpoint (PGlite in a temp dir): the agent
// sends, the regional unit returns it with a comment, the agent sees the comment, corrects and
// resends, the regional unit approves, and the Painel counts the action.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { backToReport, sendOneActionReport, signIn, waitSaved } from './app-flow';

const PHOTO = resolve(process.cwd(), '../shared/fixtures/photos/gps_nikon-coolpix-p6000.jpg');
const SHOTS = process.env.SCREENSHOT_DIR;

let server: RunningServer;
let dataDir: string;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
let desktop: Browser;
let agent: Page;
let regional: Page;
const problems: string[] = [];

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};
const watch = (page: Page, who: string) => {
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(`${who}: ${m.text()}`); });
};

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  const { existsSync } = await import('node:fs');
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-review-e2e-'));
  server = await startServer({ port: 0, dataDir, distDir: resolve('dist'), demo: true, limits: { scryptLog2N: 10 } });
  phone = await launchPersistent();
  desktop = await launchBrowser();
});
afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const account = (role: string) => server.demoAccounts.find((a) => a.role === role)!;
const firstCard = () => agent.locator('.card').first();

describe('regional review, end to end', () => {
  it('agent sends a report with one action and a photo', async () => {
    agent = await phone.context.newPage();
    watch(agent, 'agent');
    await agent.goto(server.url);
    await signIn(agent, account('agent').login, account('agent').password);
    await sendOneActionReport(agent, PHOTO);
  });

  it('the regional unit sees it (and who has not sent), and returns it with a comment', async () => {
    const context = await desktop.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    regional = await context.newPage();
    watch(regional, 'regional');
    await regional.goto(server.url);
    await regional.getByLabel('Usuário').fill(account('regional').login);
    await regional.getByLabel('Senha').fill(account('regional').password);
    await regional.getByRole('button', { name: 'Entrar' }).click();
    await regional.getByRole('heading', { name: /^Relatórios recebidos — / }).waitFor();
    await regional.getByText('Ainda não enviaram (38)').waitFor();
    // #14: the month's due date, and the late municipalities of a month whose due date has passed.
    await regional.getByTestId('deadline-standing').filter({ hasText: 'Prazo de envio:' }).waitFor();
    const twoMonthsAgo = new Date(new Date().getFullYear(), new Date().getMonth() - 2, 1);
    const past = `${twoMonthsAgo.getFullYear()}-${String(twoMonthsAgo.getMonth() + 1).padStart(2, '0')}`;
    await regional.goto(`${server.url}/#/revisao?mes=${past}`);
    await regional.getByTestId('late-missing').filter({ hasText: /^Atrasados: .*Belo Horizonte/ }).waitFor();
    expect(await regional.getByTestId('deadline-standing').textContent()).toContain('39 municípios atrasados (não enviaram)');
    await regional.goto(`${server.url}/#/revisao`);
    await regional.getByText('Ainda não enviaram (38)').waitFor();
    await shot(regional, '1-regional-list');
    await regional.getByRole('link', { name: /Belo Horizonte/ }).click();
    await regional.getByRole('heading', { name: 'Ação 1 — Palestra sobre dengue na escola' }).waitFor();
    await regional.locator('.report-photo img').waitFor();
    expect(await regional.locator('.report-photo img').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);
    expect(await regional.getByRole('link', { name: 'Ver no mapa' }).getAttribute('href')).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=-?\d+\.\d+&mlon=-?\d+\.\d+#map=17\//);
    await regional.getByRole('button', { name: 'Ampliar Foto 1.1' }).click();
    await regional.getByRole('dialog', { name: 'Foto 1.1' }).waitFor();
    // The dialog focuses "Fechar" in the same effect that starts listening for Esc.
    await regional.waitForFunction(() => document.activeElement?.textContent === 'Fechar');
    await shot(regional, '2-regional-photo');
    await regional.keyboard.press('Escape');
    await regional.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await regional.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Ampliar Foto 1.1');
    await regional.getByLabel('Comentário para o município (obrigatório)').fill('Informe o número exato de participantes.');
    await regional.getByLabel('Ação 1', { exact: true }).check();
    await shot(regional, '3-regional-review');
    await regional.getByRole('button', { name: 'Devolver para correção' }).click();
    await regional.getByText('Devolvido ao município: aguardando uma nova revisão.').waitFor();
  });

  it('the agent sees the comment, corrects and resends', async () => {
    await agent.reload(); // app start → sync → status pull
    await firstCard().filter({ hasText: 'Devolvido pela regional' }).waitFor({ timeout: 60_000 });
    expect(await firstCard().textContent()).toContain('Informe o número exato de participantes.');
    await shot(agent, '4-agent-returned');
    await firstCard().locator('a').first().click();
    await agent.getByRole('link', { name: /Palestra sobre dengue/ }).click();
    await agent.getByLabel('Número de participantes').fill('43');
    await waitSaved(agent);
    await backToReport(agent);
    await agent.getByRole('link', { name: 'Verificar e enviar' }).click();
    await agent.getByRole('button', { name: 'Enviar relatório' }).click();
    await firstCard().filter({ hasText: 'Recebido pela regional' }).waitFor({ timeout: 60_000 });
  });

  it('the regional unit approves revision 2 and the Painel counts the action', async () => {
    await regional.getByRole('link', { name: '‹ Relatórios recebidos' }).click();
    await regional.reload();
    await regional.getByRole('link', { name: /Belo Horizonte/ }).click();
    await regional.getByText(/^2, recebida em/).waitFor();
    expect(await regional.locator('.action-facts').first().textContent()).toContain('43');
    await regional.getByRole('button', { name: 'Aprovar e encaminhar ao nível central' }).click();
    await regional.getByText(/^Aprovado e encaminhado ao nível central\. Somente o nível central/).waitFor();
    const history = await regional.getByRole('region', { name: 'Histórico de revisão' }).textContent();
    expect(history).toMatch(/Devolvido para correção por URS Belo Horizonte \(demonstração\) em .*Informe o número exato/);
    expect(history).toMatch(/Aprovado e encaminhado ao nível central por URS Belo Horizonte \(demonstração\) em .*\(revisão 2\)/);

    await regional.getByRole('link', { name: 'Painel' }).click();
    await regional.getByTestId('kpi-actions').filter({ hasText: /^1$/ }).waitFor();
    const top = regional.locator('.data-table tbody tr');
    expect(await top.allTextContents()).toEqual(['Belo HorizonteBelo Horizonte143']);
    expect(await regional.getByText('1 de 39 municípios enviaram').count()).toBe(1);
    // #14: on time / late / missing per month; this month's report was sent before its due date.
    const thisMonth = regional.getByTestId('deadline-counts').locator('tbody tr').last();
    await thisMonth.waitFor();
    expect(await thisMonth.locator('td').allTextContents()).toEqual(['1', '0', '0', '38']);
    await shot(regional, '5-panel');

    await agent.reload();
    await firstCard().filter({ hasText: 'Aprovado' }).waitFor({ timeout: 60_000 });
  });

  it('the printable report works for the agent offline and for the regional unit', async () => {
    await phone.context.setOffline(true);
    await firstCard().locator('a').first().click();
    await agent.getByRole('link', { name: 'Imprimir ou salvar PDF' }).click();
    await agent.getByRole('heading', { name: 'Relatório mensal de ações de mobilização social' }).waitFor();
    await agent.getByText('Foto 1.1').waitFor();
    await shot(agent, '6-agent-print');
    await phone.context.setOffline(false);

    await regional.getByRole('link', { name: 'Relatórios recebidos' }).click();
    await regional.getByRole('link', { name: /Belo Horizonte/ }).click();
    await regional.getByRole('link', { name: 'Imprimir ou salvar PDF' }).click();
    await regional.locator('.print-report .report-photo img').waitFor();
    await regional.emulateMedia({ media: 'print' });
    await shot(regional, '7-regional-print');
    expect(await regional.getByRole('button', { name: 'Imprimir ou salvar PDF' }).isVisible()).toBe(false);
    await regional.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });
});
