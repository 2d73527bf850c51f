// Steps through the app the way an agent does; shared by the end-to-end tests.
import type { Page } from 'playwright-core';

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}

export async function completeFirstRun(
  page: Page,
  { search = 'belo horiz', municipality = 'Belo Horizonte', name = 'Ana Souza', role = 'Referência técnica' } = {},
): Promise<void> {
  await page.getByLabel('Buscar município (nome ou código IBGE)').fill(search);
  await page.getByRole('button', { name: new RegExp(`^${municipality}\\b`) }).first().click();
  await page.getByLabel('Seu nome').fill(name);
  await page.getByLabel('Cargo ou função').fill(role);
  await page.getByRole('button', { name: 'Começar' }).click();
  await page.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
}

/** Starts the current month's report from the list and waits for its editor. */
export async function openNewReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Começar relatório de / }).click();
  await page.getByRole('heading', { name: /^Relatório de / }).waitFor();
}

/** From the report editor: adds an action and waits for its editor ("Ação N"). */
export async function addAction(page: Page, title?: string): Promise<void> {
  await page.getByRole('button', { name: '+ Adicionar ação' }).click();
  await page.getByRole('heading', { name: /^Ação \d+$/ }).waitFor();
  if (title !== undefined) {
    await page.getByLabel('Título da ação').fill(title);
    await waitSaved(page);
  }
}

/** Waits for the discreet "Salvo" that follows a finished write. */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-status').filter({ hasText: /^Salvo$/ }).waitFor();
}

export async function backToReport(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Concluir e voltar ao relatório' }).click();
  await page.getByRole('heading', { name: /^Relatório de / }).waitFor();
}
