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

  it('a repeat open paints the list shown last (a copy in localStorage), then the live data replaces what changed since', async () => {
    await page.goto(app.url);
    await page.locator('.card-link').first().waitFor();
    await page.waitForFunction(() => localStorage.getItem('mobiliza:first-screen') !== null);
    const copy = (await page.evaluate(() => localStorage.getItem('mobiliza:first-screen')))!;
    expect(copy).toContain('"status":"draft"');
    // what the list does not show stays out of it
    expect(copy).not.toContain('Eliminação de criadouros');
    expect(copy).not.toContain('Palestra sobre dengue');
    // while the app is closed, the status changes under it (as when the worker pulls a decision)
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('mobiliza');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('reports', 'readwrite');
      const store = tx.objectStore('reports');
      const all = await new Promise<Record<string, unknown>[]>((resolve) => {
        const r = store.getAll();
        r.onsuccess = () => resolve(r.result);
      });
      for (const r of all) store.put({ ...r, status: 'approved', protocol: 'MG-2026-TESTE-1' });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.close();

    page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __statuses: string[] }).__statuses = seen;
      new MutationObserver(() => {
        const s = document.querySelector('[data-testid=report-status]')?.textContent;
        if (s && seen.at(-1) !== s) seen.push(s);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(app.url);
    await page.getByTestId('report-status').filter({ hasText: 'Aprovado' }).waitFor();
    // the first paint came from the copy, and the live query won
    expect(await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses)).toEqual(['Rascunho', 'Aprovado']);
    await page.getByText(/protocolo MG-2026-TESTE-1/).waitFor();
    // another screen may change what the list shows: opening it removes the copy
    await page.locator('.card-link').first().click();
    await page.getByRole('heading', { name: /^Relatório de/ }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('mobiliza:first-screen'))).toBeNull();
  });
});
