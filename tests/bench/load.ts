// Load benchmark (a script, not a test): `npm run bench:load`.
// The real production setup: the endpoint (startServer, PGlite in a temp dir) serving dist/, driven
// by Debian's Chromium through playwright-core, with the network and CPU emulated over CDP.
//
// What is measured, per run (BENCH_LOAD_RUNS, default 3), median and max reported:
//   first visit  a new browser context (empty cache, no service worker, no data) opens `/` with
//                Network.emulateNetworkConditions on the page target AND on the service-worker
//                target as soon as it appears (each target is throttled separately: CDP has no
//                shared link), and Emulation.setCPUThrottlingRate on the page.
//                usable  = ms from navigation start (performance.timeOrigin) to the first animation
//                          frame after the welcome screen's heading "Bem-vindo ao Mobiliza" is in the
//                          DOM and visible and its "Entrar" button is enabled (a MutationObserver
//                          installed before any script runs watches for it).
//                swReady = ms until navigator.serviceWorker.ready (precache complete: offline-ready).
//                bytes   = sum of Network.loadingFinished.encodedDataLength (headers + body as
//                          received) on the page target and on the service-worker target, counted
//                          until the precache is complete; also the bytes the server's sockets saw.
//   repeat open  offline, 4× CPU, in a persistent browser profile as on a phone (BENCH_LOAD_CONTEXT=
//                incognito: off the record): an agent signed in (demo account) with one report closes the app;
//                the service worker is stopped (ServiceWorker.stopAllWorkers: a cold start, the
//                worst case), context.setOffline(true) cuts page and worker, and `/` is opened in
//                a new tab. usable = heading "Relatórios mensais" visible and the report's card
//                link in the DOM. bytes = encodedDataLength on the page + bytes at the server's
//                sockets; requests that tried the network (failed offline) are counted separately.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/start.ts';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { signIn } from '../e2e/app-flow';
import { attempt, bounded, calibrate, calibrationText, ensureBuilt, kb, loggedUsable, machine, machineLine, median, ms, PROFILES, settle, table, watchServiceWorkers, writeResults, type Calibration, type FailedMeasurement, type NetworkProfile } from './bench-util';

const RUNS = Math.max(1, Math.min(10, Number(process.env.BENCH_LOAD_RUNS ?? 3)));
/** Every step of a run is bounded (#17): a stuck one fails that measurement, named, and the run goes on. */
const STEP_TIMEOUT = 120_000;
const SHORT_STEP = 30_000;
const CONTEXT_OPTIONS = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pt-BR' };

type Target = 'welcome' | 'list';

/**
 * Runs before any page script: stamps window.__usableAt (ms since navigation start) at the first
 * animation frame after `target` is usable. A string, not a function: tsx's helpers do not exist
 * in the page.
 */
function usableWatcher(target: Target): string {
  const condition =
    target === 'welcome'
      ? `(() => { const h = [...document.querySelectorAll('h1')].find((e) => e.textContent === 'Bem-vindo ao Mobiliza');
           const b = document.querySelector('form button[type=submit]');
           return visible(h) && visible(b) && !b.disabled; })()`
      : `visible(document.getElementById('reports-title')) && visible(document.querySelector('.cards .card-link'))`;
  return `(() => {
    const visible = (e) => !!e && e.checkVisibility();
    const check = () => {
      if (window.__usableAt !== undefined || !(${condition})) return;
      window.__usableAt = -1;
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__usableAt = performance.now();
        console.debug('mobiliza-bench:usable', window.__usableAt);
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  })();`;
}

async function usableAt(page: Page): Promise<number> {
  await page.waitForFunction(() => ((window as unknown as { __usableAt?: number }).__usableAt ?? -1) > 0, undefined, { timeout: STEP_TIMEOUT, polling: 50 });
  return bounded('the usable time stamp', SHORT_STEP, page.evaluate(() => (window as unknown as { __usableAt: number }).__usableAt));
}

/** Bytes seen by the server's sockets (both directions) since the last reset. */
function socketCounter(server: RunningServer) {
  let sockets: Socket[] = [];
  server.app.server.on('connection', (s: Socket) => sockets.push(s));
  return {
    reset: () => (sockets = []),
    bytes: () => sockets.reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0),
  };
}

interface FirstVisit {
  calibration: Calibration;
  usableMs: number;
  swReadyMs: number;
  pageBytes: number;
  swBytes: number;
  serverBytes: number;
  pageRequests: number;
  swRequests: number;
}

async function firstVisit(browser: Browser, server: RunningServer, counter: ReturnType<typeof socketCounter>, profile: NetworkProfile): Promise<FirstVisit> {
  const conditions = { offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput };
  let swBytes = 0;
  let swRequests = 0;
  const calibration = calibrate();
  const sw = await watchServiceWorkers(
    browser,
    async (w) => {
      await bounded('CDP Network.enable on the service worker', SHORT_STEP, w.send('Network.enable'));
      await bounded('CDP network emulation on the service worker', SHORT_STEP, w.send('Network.emulateNetworkConditions', conditions));
    },
    (_w, method, params) => {
      if (method === 'Network.loadingFinished') {
        swBytes += params.encodedDataLength;
        swRequests++;
      }
    },
  );
  const context = await bounded('a new browser context', SHORT_STEP, browser.newContext(CONTEXT_OPTIONS));
  try {
    const page = await bounded('a new page', SHORT_STEP, context.newPage());
    await bounded('the usable-time watcher to install', SHORT_STEP, page.addInitScript(usableWatcher('welcome')));
    const cdp = await bounded('a CDP session on the page', SHORT_STEP, context.newCDPSession(page));
    let pageBytes = 0;
    let pageRequests = 0;
    cdp.on('Network.loadingFinished', (e) => {
      pageBytes += e.encodedDataLength;
      pageRequests++;
    });
    await bounded('CDP Network.enable on the page', SHORT_STEP, cdp.send('Network.enable'));
    await bounded('CDP network emulation on the page', SHORT_STEP, cdp.send('Network.emulateNetworkConditions', conditions));
    await bounded('CDP CPU throttling on the page', SHORT_STEP, cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu }));
    counter.reset();
    await page.goto(server.url, { waitUntil: 'commit', timeout: STEP_TIMEOUT });
    const usableMs = await usableAt(page);
    const swReadyMs = await bounded(
      'navigator.serviceWorker.ready (the precache to complete)',
      STEP_TIMEOUT,
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        return performance.now();
      }),
    );
    await bounded('the service-worker target to be attached and throttled', SHORT_STEP, sw.ready());
    await page.waitForTimeout(1000); // let the last responses finish and their events arrive
    return { calibration, usableMs, swReadyMs, pageBytes, swBytes, serverBytes: counter.bytes(), pageRequests, swRequests };
  } finally {
    await settle('closing the browser context', context.close());
    await settle('detaching from the service workers', sw.stop());
  }
}

interface RepeatVisit {
  calibration: Calibration;
  usableMs: number;
  pageBytes: number;
  serverBytes: number;
  failedRequests: number;
  notFromServiceWorker: number;
}

/** Signs the demo agent in (online, unthrottled) and starts this month's report: one card on the list. */
async function prepareAgent(context: BrowserContext, server: RunningServer): Promise<void> {
  const agent = server.demoAccounts.find((a) => a.role === 'agent')!;
  const page = await bounded('a new page', SHORT_STEP, context.newPage());
  await page.goto(server.url, { timeout: STEP_TIMEOUT });
  await bounded('navigator.serviceWorker.ready (agent set-up)', STEP_TIMEOUT, page.evaluate(async () => void (await navigator.serviceWorker.ready)));
  await bounded('signing the demo agent in', STEP_TIMEOUT, signIn(page, agent.login, agent.password));
  await page.getByRole('button', { name: /^Começar relatório de / }).click({ timeout: STEP_TIMEOUT });
  await page.getByRole('heading', { name: /^Relatório de / }).waitFor({ timeout: STEP_TIMEOUT });
  await page.goto(server.url, { timeout: STEP_TIMEOUT });
  await page.locator('.cards .card-link').waitFor({ timeout: STEP_TIMEOUT });
  if (!(await bounded('the controller check', SHORT_STEP, page.evaluate(() => !!navigator.serviceWorker.controller)))) throw new Error('the service worker does not control the page');
  await settle('closing the set-up page', page.close());
}

/**
 * The repeat opens run in a persistent browser profile, as an installed app on a phone does
 * (BENCH_LOAD_CONTEXT=incognito: an off-the-record context, as before 2026-12-03; see open.ts).
 */
async function repeatVisits(browser: Browser, server: RunningServer, counter: ReturnType<typeof socketCounter>, failures: FailedMeasurement[]): Promise<RepeatVisit[]> {
  const persistent = process.env.BENCH_LOAD_CONTEXT === 'incognito' ? undefined : await bounded('a persistent browser profile', 60_000, launchPersistent(CONTEXT_OPTIONS));
  const context = persistent ? persistent.context : await bounded('a new browser context', SHORT_STEP, browser.newContext(CONTEXT_OPTIONS));
  const out: RepeatVisit[] = [];
  try {
    await prepareAgent(context, server);
    let failed = 0;
    let direct = 0;
    context.on('requestfailed', () => failed++);
    context.on('response', (r) => {
      if (!r.fromServiceWorker() && !/^(data|blob):/.test(r.url())) direct++;
    });
    await bounded('going offline', SHORT_STEP, context.setOffline(true));
    for (let k = 0; k < RUNS; k++) {
      await attempt(`repeat open offline, run ${k + 1}`, failures, async () => {
        const calibration = calibrate();
        const page = await bounded('a new page', SHORT_STEP, context.newPage());
        try {
          await bounded('the usable-time watcher to install', SHORT_STEP, page.addInitScript(usableWatcher('list')));
          const cdp = await bounded('a CDP session on the page', SHORT_STEP, context.newCDPSession(page));
          let pageBytes = 0;
          cdp.on('Network.loadingFinished', (e) => (pageBytes += e.encodedDataLength));
          await bounded('CDP Network.enable', SHORT_STEP, cdp.send('Network.enable'));
          await bounded('CDP ServiceWorker.enable', SHORT_STEP, cdp.send('ServiceWorker.enable'));
          await bounded('CDP ServiceWorker.stopAllWorkers', SHORT_STEP, cdp.send('ServiceWorker.stopAllWorkers'));
          await bounded('CDP CPU throttling', SHORT_STEP, cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }));
          failed = 0;
          direct = 0;
          counter.reset();
          const logged = loggedUsable(page);
          await page.goto(server.url, { waitUntil: 'commit', timeout: STEP_TIMEOUT });
          const usableMs = await bounded('the reports list to be usable', STEP_TIMEOUT, logged);
          await page.waitForTimeout(1500); // start-up sync attempts, status pull…
          const r = { calibration, usableMs, pageBytes, serverBytes: counter.bytes(), failedRequests: failed, notFromServiceWorker: direct };
          out.push(r);
          console.log(`repeat open offline, 4× CPU, run ${k + 1}: usable ${ms(r.usableMs)}, page ${r.pageBytes} B, server ${r.serverBytes} B, ${r.failedRequests} failed network attempts, ${r.notFromServiceWorker} responses not from the SW ${calibrationText(calibration)}`);
        } finally {
          await settle('closing the page', page.close());
        }
      });
    }
  } finally {
    await settle('closing the browser context', persistent ? persistent.close() : context.close());
  }
  return out;
}

const summarize = (xs: number[]) => ({ median: Math.round(median(xs)), max: xs.length ? Math.round(Math.max(...xs)) : NaN });
const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

async function main() {
  const m = machine();
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-bench-load-'));
  const server = await bounded('the endpoint to start', 60_000, startServer({ port: 0, dataDir, distDir: 'dist', demo: true, logger: false }));
  const counter = socketCounter(server);
  const browser = await bounded('Chromium to launch', 60_000, launchBrowser());
  const firstVisits: Record<string, FirstVisit[]> = {};
  const failures: FailedMeasurement[] = [];
  let repeat: RepeatVisit[] = [];
  try {
    // warm-up: the server's first responses (file system, JIT), not counted
    await attempt('warm-up first visit', failures, () => firstVisit(browser, server, counter, { ...PROFILES.lighthouseMobile, latency: 0, downloadThroughput: -1, uploadThroughput: -1, cpu: 1 }));
    for (const [key, profile] of Object.entries(PROFILES)) {
      firstVisits[key] = [];
      for (let k = 0; k < RUNS; k++) {
        const r = await attempt(`first visit, ${profile.name}, run ${k + 1}`, failures, () => firstVisit(browser, server, counter, profile));
        if (!r) continue;
        firstVisits[key].push(r);
        console.log(`first visit, ${profile.name}, run ${k + 1}: usable ${ms(r.usableMs)}, offline-ready ${ms(r.swReadyMs)}, page ${kb(r.pageBytes)} + service worker ${kb(r.swBytes)} (server saw ${kb(r.serverBytes)}) ${calibrationText(r.calibration)}`);
      }
    }
    repeat = (await attempt('repeat open offline (agent set-up)', failures, () => repeatVisits(browser, server, counter, failures))) ?? [];
  } finally {
    await settle('closing the browser', browser.close());
    await settle('closing the server', server.close());
    rmSync(dataDir, { recursive: true, force: true });
  }

  const summary = {
    firstVisit: Object.fromEntries(
      Object.entries(firstVisits).map(([key, runs]) => [
        key,
        {
          profile: PROFILES[key as keyof typeof PROFILES],
          runs: runs.length,
          calibrationMs: Math.round(median(runs.map((r) => r.calibration.ms))),
          usableMs: summarize(runs.map((r) => r.usableMs)),
          offlineReadyMs: summarize(runs.map((r) => r.swReadyMs)),
          pageBytes: Math.round(median(runs.map((r) => r.pageBytes))),
          serviceWorkerBytes: Math.round(median(runs.map((r) => r.swBytes))),
          totalBytes: Math.round(median(runs.map((r) => r.pageBytes + r.swBytes))),
          serverBytes: Math.round(median(runs.map((r) => r.serverBytes))),
        },
      ]),
    ),
    repeatOffline: {
      runs: repeat.length,
      calibrationMs: Math.round(median(repeat.map((r) => r.calibration.ms))),
      usableMs: summarize(repeat.map((r) => r.usableMs)),
      pageBytes: maxOf(repeat.map((r) => r.pageBytes)),
      serverBytes: maxOf(repeat.map((r) => r.serverBytes)),
      failedRequests: maxOf(repeat.map((r) => r.failedRequests)),
      notFromServiceWorker: maxOf(repeat.map((r) => r.notFromServiceWorker)),
    },
    failures,
  };
  console.log(`\nLoad benchmark — ${RUNS} runs each; ${machineLine(m)}`);
  console.log(
    table(
      ['visit', 'runs', 'usable (median / max)', 'offline-ready', 'bytes: page + service worker', 'bytes at the server', 'cpu calibration'],
      [
        ...Object.values(summary.firstVisit).map((f) => [
          `first, ${f.profile.name}`,
          `${f.runs}/${RUNS}`,
          `${ms(f.usableMs.median)} / ${ms(f.usableMs.max)}`,
          ms(f.offlineReadyMs.median),
          `${kb(f.pageBytes)} + ${kb(f.serviceWorkerBytes)} = ${kb(f.totalBytes)}`,
          kb(f.serverBytes),
          `${f.calibrationMs} ms`,
        ]),
        [
          'repeat, offline, 4× CPU (SW cold)',
          `${summary.repeatOffline.runs}/${RUNS}`,
          `${ms(summary.repeatOffline.usableMs.median)} / ${ms(summary.repeatOffline.usableMs.max)}`,
          '—',
          `${summary.repeatOffline.pageBytes} B`,
          `${summary.repeatOffline.serverBytes} B`,
          `${summary.repeatOffline.calibrationMs} ms`,
        ],
      ],
    ),
  );
  for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
  console.log('wrote', writeResults('load', { machine: m, runs: RUNS, summary, firstVisits, repeat }));
  if (failures.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
