// Issue #2 end to end: first visit online → network off → reload → the app works → a report with
// two actions survives a closed tab and reopening offline; Chromium finds the app installable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../helpers/chromium';
import { serveDist, type RunningApp } from '../helpers/static-server';
import { addAction, backToReport, completeFirstRun, openNewReport, waitForServiceWorker, waitSaved } from './app-flow';

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchPersistent>>;
let context: BrowserContext;
const leaks: string[] = [];

beforeAll(async () => {
  app = await serveDist();
  browser = await launchPersistent();
  context = browser.context;
  context.on('request', (req) => {
    if (!req.url().startsWith(app.url) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) leaks.push(req.url());
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('offline-first app shell', () => {
  let page: Page;

  it('installs the service worker on the first visit and is installable', async () => {
    page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Bem-vindo ao Mobiliza' }).waitFor();
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    await cdp.detach();
    expect(installabilityErrors).toEqual([]);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href;
      return (await fetch(href)).json();
    });
    expect(manifest).toMatchObject({ lang: 'pt-BR', display: 'standalone', start_url: '/', scope: '/' });
  });

  it('works offline after a reload, and a report with two actions survives closing the tab', async () => {
    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Bem-vindo ao Mobiliza' }).waitFor();
    await page.getByTestId('online-indicator').filter({ hasText: /Sem conexão/ }).waitFor({ timeout: 5000 });

    await completeFirstRun(page, { search: 'sao joao del', municipality: 'São João del Rei' });
    await openNewReport(page);
    await addAction(page, 'Palestra sobre dengue');
    await page.getByLabel('Tipo de ação').selectOption('palestra');
    await page.getByLabel(/^Dengue\/arboviroses/).check();
    await page.getByLabel('Número de participantes').fill('42');
    await page.getByLabel('Descrição da ação').fill('Eliminação de criadouros com alunos do 5º ano.');
    await waitSaved(page);
    await backToReport(page);
    await addAction(page, 'Blitz educativa na feira');
    await page.getByLabel('Local').fill('Feira livre do centro');
    await page.getByLabel('Rural').check();
    // no wait for "Salvo": closing the tab right after typing must not lose the text (pagehide flush)
    await page.close({ runBeforeUnload: true });

    page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
    await expect(page.locator('.card-counts').first().textContent()).resolves.toBe('2 ações · 0 fotos');
    await page.locator('.card-link').first().click();
    await page.locator('.action-title').nth(1).waitFor();
    const titles = await page.locator('.action-title').allTextContents();
    expect(titles).toEqual(['Palestra sobre dengue', 'Blitz educativa na feira']);
    await page.getByRole('link', { name: /Blitz educativa/ }).click();
    await expect(page.getByLabel('Local').inputValue()).resolves.toBe('Feira livre do centro');
    await expect(page.getByLabel('Rural').isChecked()).resolves.toBe(true);
    await page.getByRole('link', { name: /^‹ Relatório de/ }).click();
    await page.getByRole('link', { name: /Palestra sobre dengue/ }).click();
    await expect(page.getByLabel('Número de participantes').inputValue()).resolves.toBe('42');
    await expect(page.getByLabel(/^Dengue\/arboviroses/).isChecked()).resolves.toBe(true);
    expect(leaks).toEqual([]);
  });

  it('lists every missing item with a link to its field', async () => {
    await page.getByRole('link', { name: /^‹ Relatório de/ }).click();
    await page.getByRole('link', { name: 'Verificar e enviar' }).click();
    await page.getByTestId('check-count').waitFor();
    const problems = await page.locator('.problems a').allTextContents();
    expect(problems).toContain('Ação 1 — Fotos: adicione pelo menos uma foto comprobatória');
    expect(problems).toContain('Ação 2 — Tipo de ação: escolha o tipo de ação');
    await page.getByRole('link', { name: 'Ação 2 — Tipo de ação: escolha o tipo de ação' }).click();
    await page.getByRole('heading', { name: 'Ação 2' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'f-type');
  });
});
