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
  await page.getByRole('link', { name: /^Começar sem conta/ }).click();
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

/** Signs in from the welcome screen (needs the endpoint). */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Usuário').fill(login);
  await page.getByLabel('Senha').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
}

/**
 * From the list: starts this month's report, adds one complete action with `photo` (a file path),
 * sends it and waits until the first card says "Recebido pela regional" (needs the endpoint).
 */
export async function sendOneActionReport(page: Page, photo: string, title = 'Palestra sobre dengue na escola'): Promise<void> {
  await openNewReport(page);
  await addAction(page, title);
  const today = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  await page.locator('#f-date').fill(`${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`);
  await page.getByLabel('Tipo de ação').selectOption('palestra');
  await page.getByLabel(/^Dengue\/arboviroses/).check();
  await page.getByLabel('Local').fill('Escola Estadual Central');
  await page.getByLabel('Urbana').check();
  await page.getByLabel('População geral').check();
  await page.getByLabel('Número de participantes').fill('40');
  await page.getByLabel('Descrição da ação').fill('Eliminação de criadouros com os alunos.');
  await waitSaved(page);
  await page.getByLabel('Escolher da galeria').setInputFiles(photo);
  await page.waitForFunction(() => document.querySelectorAll('.photo-item').length === 1 && !document.querySelector('.photo-progress'), null, { timeout: 90_000 });
  await backToReport(page);
  await page.getByRole('link', { name: 'Verificar e enviar' }).click();
  await page.getByRole('button', { name: 'Enviar relatório' }).click();
  await page.locator('.card').first().filter({ hasText: 'Recebido pela regional' }).waitFor({ timeout: 60_000 });
}

export const FIXTURES = new URL('../../../shared/fixtures/photos/', import.meta.url).pathname;

/** Ten decodable fixture photos (an action's limit): every orientation case, the large phone photos and the PNG. */
export const TEN_PHOTOS = [
  'orientation-1_landscape_labeled.jpg',
  'orientation-3_landscape_labeled.jpg',
  'orientation-6_portrait_labeled.jpg',
  'orientation-8_portrait_labeled.jpg',
  'orientation-6_samsung-galaxy-s2_8mp.jpg',
  'orientation-3_iphone5_8mp_gps.jpg',
  'orientation-8_leica-t_16mp.jpg',
  'large-phone_google-pixel_12mp_gps.jpg',
  'large-phone_samsung-note3_9.6mp_gps.jpg',
  'png_android-screenshot_1440x2560.png',
];

/** In the action editor: fills every required field and adds `photos` (fixture file names). */
export async function fillCompleteAction(page: Page, title: string, photos: string[]): Promise<void> {
  await page.getByLabel('Título da ação').fill(title);
  await page.getByLabel('Tipo de ação').selectOption('palestra');
  await page.getByLabel(/^Dengue\/arboviroses/).check();
  await page.getByLabel('Local').fill('Escola Municipal');
  await page.getByLabel('Urbana').check();
  await page.getByLabel('População geral').check();
  await page.getByLabel('Número de participantes').fill('30');
  if (photos.length) {
    await page.getByLabel('Escolher da galeria').setInputFiles(photos.map((f) => FIXTURES + f));
    await page.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n && !document.querySelector('.photo-progress'), photos.length, { timeout: 90_000 });
  }
  await waitSaved(page);
}

/** From the report editor: "Verificar e enviar" → "Enviar relatório", back on the list. */
export async function sendReport(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Verificar e enviar' }).click();
  await page.getByTestId('check-ok').waitFor();
  await page.getByRole('button', { name: 'Enviar relatório' }).click();
  await page.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
}

/** Waits until the first report card's status reads `status` (e.g. "Recebido pela regional"). */
export async function waitForStatus(page: Page, status: string | RegExp, timeout = 60_000): Promise<void> {
  await page.getByTestId('report-status').filter({ hasText: status }).first().waitFor({ timeout });
}
