// Issue #2: a new deploy reaches an installed app through the update prompt — never over an open
// form, on the reports list, and "Atualizar" switches to the new version.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistent } from '../helpers/chromium';
import { addAction, completeFirstRun, openNewReport, waitForServiceWorker } from './app-flow';

const V2 = join(process.cwd(), '.tmp', 'dist-update-v2');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
let root = join(process.cwd(), 'dist');
let server: http.Server;
let url: string;
let browser: Awaited<ReturnType<typeof launchPersistent>>;

beforeAll(async () => {
  // the "next deploy": same code, another version string, so every hash and the precache change
  execFileSync('npx', ['vite', 'build', '--outDir', V2, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, VITE_APP_VERSION: '2.0.0-teste' },
    stdio: 'pipe',
  });
  server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!existsSync(file) || path === '/') file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchPersistent();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  rmSync(V2, { recursive: true, force: true });
});

describe('app update', () => {
  it('waits while a form is open, offers the update on the list, and applies it', async () => {
    expect(readFileSync(join(V2, 'service-worker.js'), 'utf8')).not.toBe(readFileSync(join(root, 'service-worker.js'), 'utf8'));
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForServiceWorker(page);
    await page.reload(); // the next open is controlled by the service worker, as on a phone
    await completeFirstRun(page);
    await openNewReport(page);
    await addAction(page, 'Roda de conversa');

    root = V2; // deploy
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting), undefined, { timeout: 30_000 });
    // the form stays as it is: no prompt over it
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Atualizar' }).count()).toBe(0);
    await expect(page.getByLabel('Título da ação').inputValue()).resolves.toBe('Roda de conversa');

    await page.getByRole('link', { name: 'Concluir e voltar ao relatório' }).click();
    await page.getByRole('link', { name: '‹ Relatórios' }).click();
    await page.getByText('Nova versão disponível.').waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Atualizar' }).click()]);
    await page.getByRole('heading', { name: 'Relatórios mensais' }).waitFor();
    await page.getByRole('link', { name: 'Configurações e armazenamento' }).click();
    await page.getByText(/Versão 2\.0\.0-teste\./).waitFor();
    // the agent's work came through the update
    await page.getByRole('link', { name: '‹ Relatórios' }).click();
    await expect(page.locator('.card-counts').first().textContent()).resolves.toBe('1 ação · 0 fotos');
  });
});
