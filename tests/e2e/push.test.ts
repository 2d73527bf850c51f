// Push notifications in Chromium against the real endpoint and a local mock push service.
// What runs for real: the endpoint's scheduler encrypts and signs, the mock push service checks
// and decrypts; Chromium runs the app's service worker, its `push` handler (the decrypted payload
// delivered through CDP ServiceWorker.deliverPushMessage), registration.getNotifications() and the
// `notificationclick` handler (a NotificationEvent dispatched in the worker). What cannot run
// here: Chromium's own push service (FCM, not reachable), so the subscription stored for this
// device session is one made by the mock service, PUT by the page with its own token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOfDate, shiftPeriod, toIsoDate } from '../../src/domain/period';
import { dueDateText } from '../../src/ui/notifications/deadline-text';
import { startServer, type RunningServer } from '../../server/start';
import { launchPersistent } from '../helpers/chromium';
import { startMockPushService, type MockPushService } from '../helpers/mock-push-service';
import { sendOneActionReport, signIn, waitForServiceWorker } from './app-flow';

const PHOTO = resolve(process.cwd(), '../shared/fixtures/photos/gps_nikon-coolpix-p6000.jpg');

let server: RunningServer;
let mock: MockPushService;
let dataDir: string;
let phone: Awaited<ReturnType<typeof launchPersistent>>;
let agent: Page;

beforeAll(async () => {
  const { existsSync } = await import('node:fs');
  if (!existsSync('dist/index.html')) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  mock = await startMockPushService();
  dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-push-e2e-'));
  // A long interval: only the wake after a review decision can deliver within the test.
  server = await startServer({ port: 0, dataDir, distDir: resolve('dist'), demo: true, limits: { scryptLog2N: 10 }, notifications: { intervalMs: 3_600_000 } });
  phone = await launchPersistent({ permissions: ['notifications'] });
});
afterAll(async () => {
  await phone?.close();
  await server?.close();
  await mock?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const account = (role: string) => server.demoAccounts.find((a) => a.role === role)!;

async function api(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

/** What the tests touch inside the service worker (its lib types are not the page's). */
interface SwScope {
  registration: ServiceWorkerRegistration;
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
}

async function serviceWorker(): Promise<Worker> {
  return phone.context.serviceWorkers().at(-1) ?? phone.context.waitForEvent('serviceworker');
}

describe('push notifications, end to end', () => {
  let reportId = '';
  let clientHash = '';
  let subscribeOutcome = '';

  it('after the first send the list offers notifications; permission granted by the context', async () => {
    agent = await phone.context.newPage();
    await agent.goto(server.url);
    await waitForServiceWorker(agent);
    await signIn(agent, account('agent').login, account('agent').password);
    // The due date at every open: last month's report not started yet, with its due date.
    const today = toIsoDate(new Date());
    const last = shiftPeriod(periodOfDate(new Date()), -1);
    expect(await agent.getByTestId('due-notice').textContent()).toContain(dueDateText(last, today).text);
    await sendOneActionReport(agent, PHOTO);
    await agent.getByTestId('due-date').waitFor({ state: 'detached' }); // sent: no due-date line any more
    await agent.getByTestId('push-offer').waitFor();
    expect(await agent.evaluate(() => Notification.permission)).toBe('granted');
    await agent.getByRole('button', { name: 'Ativar avisos' }).click();
    const result = agent.getByTestId('push-result');
    await result.waitFor({ timeout: 30_000 });
    subscribeOutcome = (await result.textContent()) ?? '';
    // Headless Chromium here cannot reach its push service: subscribe() fails and the app says so.
    // Either way the answer is one of the app's own sentences, never a raw error.
    expect(subscribeOutcome).toMatch(/^(Avisos ativados neste aparelho|Não foi possível ativar os avisos agora)/);
    console.log(`[push e2e] pushManager.subscribe in this Chromium → "${subscribeOutcome}"`);
  });

  it('the device session stores a subscription (made by the mock service) and the test message arrives', async () => {
    const { publicKey } = (await agent.evaluate(async () => {
      const token = await new Promise<string>((ok, fail) => {
        const open = indexedDB.open('mobiliza');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('session');
          get.onsuccess = () => ok(get.result.value.token);
        };
      });
      (window as unknown as { __token: string }).__token = token;
      const res = await fetch('/api/v1/push/subscription', { headers: { authorization: `Bearer ${token}` } });
      return res.json();
    })) as { publicKey: string };
    const sub = await mock.subscribe(publicKey);
    clientHash = sub.clientHash;
    const status = await agent.evaluate(async (body) => {
      const token = (window as unknown as { __token: string }).__token;
      const res = await fetch('/api/v1/push/subscription', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return res.status;
    }, { endpoint: sub.endpoint, keys: sub.keys });
    expect([200, 201]).toContain(status);
    await agent.goto(`${server.url}/#/configuracoes`);
    await agent.getByTestId('push-state').filter({ hasText: /Avisos (ativados|desativados) neste aparelho/ }).waitFor();
    // The subscription is the mock's, not the browser's: the app shows "off" unless Chromium subscribed too.
    const testStatus = await agent.evaluate(async () => {
      const token = (window as unknown as { __token: string }).__token;
      return (await fetch('/api/v1/push/test', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status;
    });
    expect(testStatus).toBe(202);
    expect(mock.messages(clientHash).map((m) => m.title)).toEqual(['Notificação de teste']);
  });

  it('a report returned while the app is closed produces a notification within one scheduler tick', async () => {
    await agent.close(); // the app is closed: only the service worker remains
    const regional = await api('/auth/sessions', { method: 'POST', body: { login: account('regional').login, password: account('regional').password } });
    const { body } = await api('/reports', { token: regional.body.token });
    reportId = body.reports[0].id;
    const comment = 'Informe o número exato de participantes e anexe a lista de presença assinada pela escola.';
    expect((await api(`/reports/${reportId}/reviews`, { method: 'POST', token: regional.body.token, body: { decision: 'return', comment } })).status).toBe(201);
    // The review woke the scheduler: one tick later the mock has the decrypted message.
    const deadline = Date.now() + 20_000;
    while (mock.messages(clientHash).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const payload = mock.messages(clientHash)[1];
    expect(payload).toMatchObject({ kind: 'report_returned', url: `/#/relatorio/${reportId}`, title: expect.stringMatching(/^Relatório de .+ devolvido$/) });
    expect(String(payload.body).startsWith('Corrigir: Informe o número exato de participantes')).toBe(true);

    // Deliver exactly that plaintext to the phone's service worker, as its push service would.
    const cdpPage = await phone.context.newPage();
    await cdpPage.goto('about:blank');
    const cdp = await phone.context.newCDPSession(cdpPage);
    const registrationId = await new Promise<string>((ok) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
        const r = e.registrations.find((x) => x.scopeURL.startsWith(server.url) && !x.isDeleted);
        if (r) ok(r.registrationId);
      });
      void cdp.send('ServiceWorker.enable');
    });
    const shownNow = async () => (await serviceWorker()).evaluate(async () => {
      const self = globalThis as unknown as SwScope;
      for (let i = 0; i < 30; i++) {
        const list = await self.registration.getNotifications();
        if (list.length) return list.map((n: Notification) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    });
    // A worker that was just stopped can miss one CDP delivery: deliver again (the tag dedupes).
    let shown: Awaited<ReturnType<typeof shownNow>> = [];
    for (let attempt = 0; attempt < 3 && shown.length === 0; attempt++) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: JSON.stringify(payload) });
      shown = await shownNow();
    }
    expect(shown).toEqual([{ title: payload.title, body: payload.body, tag: `report:${reportId}`, data: { url: `/#/relatorio/${reportId}`, kind: 'report_returned', reportId } }]);
    await cdpPage.close();
  });

  it('tapping the notification opens the returned report (an open window is brought to it)', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}/#/configuracoes`);
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    const sw = await serviceWorker();
    await sw.evaluate(async () => {
      const self = globalThis as unknown as SwScope;
      const [notification] = await self.registration.getNotifications();
      self.dispatchEvent(new self.NotificationEvent('notificationclick', { notification }));
    });
    await page.waitForURL(`${server.url}/#/relatorio/${reportId}`, { timeout: 15_000 });
    // The phone pulled the status on push (and again on open): the editor shows the comment.
    await page.getByText(/Informe o número exato de participantes/).first().waitFor({ timeout: 30_000 });
    expect(await sw.evaluate(async () => (await (globalThis as unknown as SwScope).registration.getNotifications()).length)).toBe(0);
  });

  it('an expired subscription (410) is removed by the endpoint', async () => {
    mock.expire(clientHash);
    const agentLogin = await api('/auth/sessions', { method: 'POST', body: { login: account('agent').login, password: account('agent').password } });
    const sub = await mock.subscribe((await api('/push/subscription', { token: agentLogin.body.token })).body.publicKey);
    mock.expire(sub.clientHash);
    await api('/push/subscription', { method: 'PUT', token: agentLogin.body.token, body: { endpoint: sub.endpoint, keys: sub.keys } });
    const res = await api('/push/test', { method: 'POST', token: agentLogin.body.token });
    expect(res).toMatchObject({ status: 410, body: { error: { code: 'push_gone' } } });
    expect((await api('/push/subscription', { token: agentLogin.body.token })).body.subscribed).toBe(false);
  });
});
