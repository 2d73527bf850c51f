// Issue #16 (partners) end to end, in Chromium against the real endpoint (PGlite in a temp dir):
// two visitors sign up the same school under two spellings at /publico/parceiros; the
// municipality's agent confirms one on the phone (360 px), the regional unit confirms the other,
// merges the near-duplicate after a confirm step and sees one partner per real organisation
// (1366 px and 360 px, no horizontal overflow).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { signIn } from './app-flow';
import { ensureDist } from './endpoint-harness';

const LONG = 'Escola Estadual João XXIII';
const SHORT = 'E.E. João XXIII';

let server: RunningServer;
let dataDir: string;
let desktop: Browser;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
const problems: string[] = [];
const account = (role: string) => server.demoAccounts.find((a) => a.role === role)!;
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const watch = (page: Page, who: string) => {
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(`${who}: ${m.text()}`); });
};

beforeAll(async () => {
  await ensureDist();
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-partners-e2e-'));
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

describe('partner registry, end to end', () => {
  it('a visitor signs up as a partner on the public site (twice, two spellings of one school)', async () => {
    const context = await desktop.newContext({ viewport: { width: 360, height: 740 }, locale: 'pt-BR' });
    const visitor = await context.newPage();
    watch(visitor, 'visitor');
    for (const [name, phone] of [[LONG, '(31) 3333-4444'], [SHORT, '']]) {
      await visitor.goto(`${server.url}/publico/parceiros`);
      await visitor.getByRole('heading', { name: 'Seja um Parceiro da Saúde' }).waitFor();
      expect(await fits(visitor)).toBe(true);
      await visitor.getByLabel('Nome do parceiro (pessoa, instituição ou grupo)').fill(name);
      await visitor.locator('#tipo-pessoa_juridica').check();
      await visitor.locator('#governamental-sim').check();
      await visitor.locator('#setor').selectOption('educacao');
      await visitor.locator('#municipio').selectOption('3106200');
      if (phone) await visitor.locator('#telefone').fill(phone);
      await visitor.locator('#campanhas').check();
      await visitor.locator('#consentimento').check();
      await visitor.getByRole('button', { name: 'Enviar inscrição' }).click();
      await visitor.waitForURL(/\/publico\/parceiros\/obrigado$/);
    }
    await context.close();
  });

  it('the municipality\'s agent confirms one sign-up on the phone (360 px)', async () => {
    const agent = await phone.context.newPage();
    watch(agent, 'agent');
    await agent.goto(server.url);
    await signIn(agent, account('agent').login, account('agent').password);
    expect(await fits(agent)).toBe(true);
    await agent.getByRole('link', { name: 'Parceiros' }).click();
    await agent.getByRole('heading', { name: 'Inscrições para confirmar (2)' }).waitFor();
    const row = agent.getByTestId('signup-row').filter({ hasText: LONG });
    expect(await row.textContent()).toContain('(31) 3333-4444');
    expect(await fits(agent)).toBe(true);
    await row.getByRole('button', { name: 'Confirmar' }).click();
    await agent.getByText(`Inscrição de “${LONG}” confirmada.`).waitFor();
    await agent.getByRole('heading', { name: 'Inscrições para confirmar (1)' }).waitFor();
    await agent.getByTestId('partner-row').filter({ hasText: LONG }).getByRole('link').click();
    await agent.getByRole('heading', { name: LONG }).waitFor();
    await agent.getByText('Nenhuma ação enviada com este parceiro.').waitFor();
    expect(await fits(agent)).toBe(true);
    await agent.close();
  });

  it('the regional unit confirms the other, merges the near-duplicate and sees one partner (1366 px and 360 px)', async () => {
    const context = await desktop.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
    const regional = await context.newPage();
    watch(regional, 'regional');
    await regional.goto(server.url);
    await regional.getByLabel('Usuário').fill(account('regional').login);
    await regional.getByLabel('Senha').fill(account('regional').password);
    await regional.getByRole('button', { name: 'Entrar' }).click();
    await regional.getByRole('link', { name: 'Parceiros' }).click();
    await regional.getByRole('heading', { name: 'Inscrições pelo site para confirmar (1)' }).waitFor();
    await regional.getByTestId('signup-row').filter({ hasText: SHORT }).getByRole('button', { name: 'Confirmar' }).click();
    await regional.getByText(`Inscrição de “${SHORT}” confirmada.`).waitFor();
    await regional.getByRole('heading', { name: 'Inscrições pelo site para confirmar (0)' }).waitFor();
    await regional.getByTestId('partner-row').nth(1).waitFor();
    expect(await regional.getByTestId('partner-row').count()).toBe(2);

    // the confirmation made a near-duplicate pair: it is listed without reloading the page
    const pair = regional.getByTestId('duplicate-pair');
    await pair.waitFor();
    expect(await fits(regional)).toBe(true);
    await pair.getByRole('button', { name: `Manter “${LONG}”` }).click();
    await regional.getByRole('group', { name: 'Confirmar junção' }).getByRole('button', { name: 'Confirmar junção' }).click();
    await regional.getByText(`“${SHORT}” agora faz parte de “${LONG}”. O histórico de ações foi junto.`).waitFor();
    await regional.getByRole('heading', { name: 'Possíveis duplicados (0)' }).waitFor();
    await regional.getByTestId('partner-summary').filter({ hasText: /^1 parceiro em 1 município/ }).waitFor();
    expect(await regional.getByTestId('partner-row').allTextContents()).toEqual([expect.stringContaining(LONG)]);
    expect(await fits(regional)).toBe(true);
    await regional.setViewportSize({ width: 360, height: 740 });
    expect(await fits(regional)).toBe(true);

    // the partner's page keeps the contact data of the sign-up
    await regional.getByTestId('partner-row').getByRole('link').click();
    await regional.getByRole('heading', { name: LONG }).waitFor();
    await regional.getByText('(31) 3333-4444').waitFor();
    expect(await fits(regional)).toBe(true);
    await regional.getByRole('link', { name: 'Painel' }).click();
    await regional.getByRole('heading', { name: 'Parceiros nas ações' }).waitFor();
    expect(await fits(regional)).toBe(true);
    await context.close();
    expect(problems).toEqual([]);
  });
});
