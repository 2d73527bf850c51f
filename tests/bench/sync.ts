// Sync benchmark (a script, not a test): `npm run bench:sync`.
// A report with one action and 10 real photos (../shared/fixtures/photos, through the app's own
// gallery input and photo pipeline) is sent from real Chromium to the real endpoint behind the e2e
// counting proxy (tests/e2e/endpoint-harness.ts). Each run uses a fresh endpoint and browser context.
//
//   wire bytes   what the proxy counted for every /api/ request from "Enviar relatório" until the
//                report PUT was answered: request line + headers + body (the uplink, what a prepaid
//                plan pays for on a send). Divided by the sum of the photo blobs stored on the phone.
//                Responses (downlink) are counted too, from CDP Network.loadingFinished
//                encodedDataLength on the page and service-worker targets, and reported apart.
//   3G uplink    Network.emulateNetworkConditions (150 ms latency, 1.6 Mbps down, 750 kbps up) on the
//                page target AND on every service-worker target (either may hold the outbox lock and
//                send), applied before "Enviar relatório". Time = click → report PUT answered at the
//                proxy. Theoretical = wire bytes × 8 / 750 kbps.
//   link drop    once 5 photos are through, the proxy kills the connection of the 6th photo PUT after
//                its whole body arrived (the costliest moment: all its bytes spent, no answer), then
//                lets everything through again. Re-sent = requests repeated for the same URL (POST
//                /photos/missing and PUT) and their bytes; photos re-sent = photos PUT more than once.
// BENCH_SYNC_RUNS clean runs (default 2; median time) and one drop run.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/chromium';
import { addAction, backToReport, fillCompleteAction, openNewReport, sendReport, signIn, TEN_PHOTOS, waitForServiceWorker, waitForStatus } from '../e2e/app-flow';
import { startEndpoint, type Endpoint, type Seen } from '../e2e/endpoint-harness';
import { attempt, bounded, calibrate, calibrationText, ensureBuilt, kb, machine, machineLine, median, ms, PROFILES, settle, table, watchServiceWorkers, writeResults, type Calibration, type FailedMeasurement } from './bench-util';

const RUNS = Math.max(1, Math.min(5, Number(process.env.BENCH_SYNC_RUNS ?? 2)));
const DROP_AFTER = 5;
const UPLINK = PROFILES.lighthouseMobile;
const DELIVERY_TIMEOUT = 300_000;
/** Every other step is bounded too (#17): a stuck one fails that run, named, and the next run goes on. */
const STEP = 120_000;
const SHORT = 30_000;

const PHOTOS = TEN_PHOTOS;

interface SyncRun {
  kind: 'clean' | 'drop';
  calibration: Calibration;
  photos: number;
  photoBytes: number;
  wireBytes: number;
  downlinkBytes: number;
  requests: number;
  deliverMs: number;
  photosResent: number;
  bytesResent: number;
  requestsResent: number;
  /** POST /photos/missing repeated = the app's outbox retried; only the PUT repeated = Chromium resent it itself */
  appRetried: boolean;
  clickedRetry: boolean;
}

/** Photo blobs on the phone (IndexedDB `photos`), summed. */
const photoBytesOnPhone = (page: Page) =>
  bounded('reading the photo sizes from IndexedDB', SHORT, page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('mobiliza');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const rows = await new Promise<{ blob: Blob }[]>((resolve) => {
      const q = db.transaction('photos').objectStore('photos').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    db.close();
    return { count: rows.length, bytes: rows.reduce((n, r) => n + r.blob.size, 0) };
  }));

const api = (s: Seen) => s.path.startsWith('/api/');
const lineOf = (s: Seen) => `${s.method} ${s.path}`;

async function syncRun(browser: Browser, kind: SyncRun['kind']): Promise<SyncRun> {
  const calibration = calibrate();
  const ep: Endpoint = await bounded('the endpoint and its counting proxy to start', 60_000, startEndpoint());
  const conditions = { offline: false, latency: UPLINK.latency, downloadThroughput: UPLINK.downloadThroughput, uploadThroughput: UPLINK.uploadThroughput };
  let throttle = false;
  let downlinkBytes = 0;
  const urls = new Map<string, string>();
  const onNetwork = (prefix: string, method: string, params: any) => {
    if (method === 'Network.requestWillBeSent') urls.set(prefix + params.requestId, params.request.url);
    if (method === 'Network.loadingFinished' && throttle && urls.get(prefix + params.requestId)?.includes('/api/')) downlinkBytes += params.encodedDataLength;
  };
  // every service worker of this browser gets the 3G link once `throttle` is on
  const workers: { send: (m: string, p?: object) => Promise<unknown> }[] = [];
  const sw = await watchServiceWorkers(
    browser,
    async (w) => {
      await w.send('Network.enable');
      workers.push(w);
      if (throttle) await w.send('Network.emulateNetworkConditions', conditions);
    },
    (w, method, params) => onNetwork(w.targetId, method, params),
  );
  const context = await bounded('a new browser context', SHORT, browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'pt-BR' }));
  try {
    const page = await bounded('a new page', SHORT, context.newPage());
    await page.goto(ep.url, { timeout: STEP });
    await bounded('signing the agent in', STEP, signIn(page, ep.accounts.agent.login, ep.accounts.agent.password));
    await bounded('the service worker to be ready', STEP, waitForServiceWorker(page));
    await bounded('a new report', STEP, openNewReport(page));
    await bounded('a new action', STEP, addAction(page));
    await bounded('the action with ten photos', 300_000, fillCompleteAction(page, 'Palestra com dez fotos', PHOTOS));
    await bounded('back to the report', STEP, backToReport(page));
    const photos = await photoBytesOnPhone(page);

    // the 3G link, on the page and on the service worker(s), before anything is sent
    const cdp = await bounded('a CDP session on the page', SHORT, context.newCDPSession(page));
    cdp.on('Network.requestWillBeSent', (e) => onNetwork('page', 'Network.requestWillBeSent', e));
    cdp.on('Network.loadingFinished', (e) => onNetwork('page', 'Network.loadingFinished', e));
    await bounded('CDP Network.enable on the page', SHORT, cdp.send('Network.enable'));
    await bounded('CDP network emulation on the page', SHORT, cdp.send('Network.emulateNetworkConditions', conditions));
    await bounded('the service-worker targets to be attached', SHORT, sw.ready());
    throttle = true;
    for (const w of workers) await w.send('Network.emulateNetworkConditions', conditions);

    if (kind === 'drop') {
      ep.onRequest = (s) => {
        const done = ep.seen.filter((x) => x.method === 'PUT' && x.path.startsWith('/api/v1/photos/')).length;
        // this is photo PUT number DROP_AFTER: the next one dies after its body arrived
        if (s.method === 'PUT' && s.path.startsWith('/api/v1/photos/') && done === DROP_AFTER - 1) ep.rule({ match: /^PUT \/api\/v1\/photos\//, times: 1, drop: true });
      };
    }
    ep.all.length = 0;
    ep.seen.length = 0;
    const t0 = performance.now();
    await bounded('"Enviar relatório" to be accepted', STEP, sendReport(page));
    // delivered = the report PUT answered; the app retries a dropped link by itself (backoff from
    // ~2 s); "Tentar agora" is pressed only if nothing moved for 20 s.
    let clickedRetry = false;
    let lastCount = -1;
    let lastMove = performance.now();
    for (;;) {
      if (ep.seen.some((s) => s.method === 'PUT' && s.path.startsWith('/api/v1/reports/') && s.status && s.status < 300)) break;
      if (performance.now() - t0 > DELIVERY_TIMEOUT) throw new Error(`timed out after ${DELIVERY_TIMEOUT / 1000} s waiting for the report PUT to be answered (${ep.seen.length} requests seen)`);
      if (ep.all.length !== lastCount) {
        lastCount = ep.all.length;
        lastMove = performance.now();
      } else if (performance.now() - lastMove > 20_000) {
        const retry = page.getByRole('button', { name: 'Tentar agora' });
        if (await retry.isEnabled({ timeout: SHORT }).catch(() => false)) {
          await retry.click({ timeout: SHORT });
          clickedRetry = true;
          lastMove = performance.now();
        }
      }
      await page.waitForTimeout(50);
    }
    const deliverMs = performance.now() - t0;
    await bounded('the phone to show "Recebido pela regional"', 90_000, waitForStatus(page, 'Recebido pela regional', 60_000));
    const sent = ep.all.filter(api);
    const counts = new Map<string, number>();
    let bytesResent = 0;
    let requestsResent = 0;
    for (const s of sent) {
      const n = (counts.get(lineOf(s)) ?? 0) + 1;
      counts.set(lineOf(s), n);
      if (n > 1 && (s.method === 'PUT' || s.method === 'POST')) {
        bytesResent += s.bytes;
        requestsResent++;
      }
    }
    const appRetried = [...counts].some(([l, n]) => l.startsWith('POST /api/v1/photos/missing') && n > 1);
    const photosResent = [...counts].filter(([l, n]) => l.startsWith('PUT /api/v1/photos/') && n > 1).length;
    return {
      kind,
      calibration,
      photos: photos.count,
      photoBytes: photos.bytes,
      wireBytes: sent.reduce((n, s) => n + s.bytes, 0),
      downlinkBytes,
      requests: sent.length,
      deliverMs,
      photosResent,
      bytesResent,
      requestsResent,
      appRetried,
      clickedRetry,
    };
  } finally {
    await settle('closing the browser context', context.close());
    await settle('detaching from the service workers', sw.stop());
    await settle('closing the endpoint', ep.close());
  }
}

async function main() {
  const m = machine();
  await ensureBuilt();
  const browser = await bounded('Chromium to launch', 60_000, launchBrowser());
  const runs: SyncRun[] = [];
  const failures: FailedMeasurement[] = [];
  const run = async (kind: SyncRun['kind'], k: number) => {
    const r = await attempt(`${kind} sync, run ${k}`, failures, () => syncRun(browser, kind));
    if (!r) return;
    runs.push(r);
    console.log(
      `${r.kind}: ${r.photos} photos ${kb(r.photoBytes)}, ${r.requests} requests, uplink ${kb(r.wireBytes)} (${(r.wireBytes / r.photoBytes).toFixed(4)}), downlink ${kb(r.downlinkBytes)}, ${ms(r.deliverMs)} vs theoretical ${ms((r.wireBytes / UPLINK.uploadThroughput) * 1000)}, re-sent ${r.photosResent} photo(s) / ${r.requestsResent} request(s) / ${kb(r.bytesResent)}${r.clickedRetry ? ' ("Tentar agora" pressed)' : ''} ${calibrationText(r.calibration)}`,
    );
  };
  try {
    for (let k = 0; k < RUNS; k++) await run('clean', k + 1);
    await run('drop', 1);
  } finally {
    await settle('closing the browser', browser.close());
  }
  const clean = runs.filter((r) => r.kind === 'clean');
  const drop = runs.find((r) => r.kind === 'drop');
  if (!clean.length || !drop) {
    for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
    console.log('wrote', writeResults('sync', { machine: m, runs: RUNS, photos: PHOTOS, summary: { failures }, perRun: runs }));
    process.exit(1);
  }
  const wireBytes = median(clean.map((r) => r.wireBytes));
  const photoBytes = median(clean.map((r) => r.photoBytes));
  const deliverMs = median(clean.map((r) => r.deliverMs));
  const theoreticalMs = (wireBytes / UPLINK.uploadThroughput) * 1000; // bytes × 8 / 750 kbps
  const summary = {
    link: UPLINK,
    photos: clean[0].photos,
    photoBytes,
    wireBytes,
    overhead: wireBytes / photoBytes,
    downlinkBytes: median(clean.map((r) => r.downlinkBytes)),
    overheadBothWays: median(clean.map((r) => (r.wireBytes + r.downlinkBytes) / r.photoBytes)),
    deliverMs,
    theoreticalMs,
    ratio: deliverMs / theoreticalMs,
    calibrationMs: Math.round(median(runs.map((r) => r.calibration.ms))),
    failures,
    drop: { afterPhotos: DROP_AFTER, photosResent: drop.photosResent, bytesResent: drop.bytesResent, requestsResent: drop.requestsResent, resentBy: drop.appRetried ? 'the app (outbox retry)' : 'Chromium (automatic resend on a new connection)', deliverMs: drop.deliverMs, clickedRetry: drop.clickedRetry },
  };
  console.log(`\nSync benchmark — ${RUNS} clean run(s) + 1 with a dropped link; ${machineLine(m)}`);
  console.log(
    table(
      ['figure', 'value'],
      [
        ['photos on the phone', `${summary.photos}, ${kb(photoBytes)}`],
        ['uplink bytes at the server ÷ photo bytes', `${summary.overhead.toFixed(4)} (${kb(wireBytes)})`],
        ['both directions ÷ photo bytes', `${summary.overheadBothWays.toFixed(4)} (+${kb(summary.downlinkBytes)} down)`],
        ['uplink bytes ÷ photo bytes (goal ≤ 1.02)', `${summary.overhead.toFixed(4)}`],
        ['time over 3G uplink (750 kbps, 150 ms; goal ≤ 1.08×)', `${ms(deliverMs)} vs theoretical ${ms(theoreticalMs)} (${(deliverMs / theoreticalMs).toFixed(3)}×)`],
        [`link dropped after ${DROP_AFTER} photos (goal ≤ 1 photo re-sent)`, `${drop.photosResent} photo(s) re-sent, ${drop.requestsResent} request(s), ${kb(drop.bytesResent)}; resent by ${summary.drop.resentBy}`],
        ['cpu calibration (median of runs)', `${summary.calibrationMs} ms`],
        ['failed measurements', failures.length ? failures.map((f) => `${f.measurement}: ${f.error}`).join('; ') : 'none'],
      ],
    ),
  );
  console.log('wrote', writeResults('sync', { machine: m, runs: RUNS, photos: PHOTOS, summary, perRun: runs }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
