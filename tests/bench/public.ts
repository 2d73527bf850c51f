// Public balance benchmark (a script, not a test): `npm run bench:public`.
// The real endpoint (startServer, PGlite in a temp dir, serving dist/), seeded through the store's
// own write path with last month's approved reports for BENCH_PUBLIC_MUNICIPALITIES municipalities
// (default 400 of 853, 1–6 actions each), then:
//   first visit  a new browser context at 360×640 (empty cache) opens /publico on emulated Slow 3G
//                (400 ms RTT, 400 kbps, 4× CPU; tests/bench/bench-util.ts PROFILES.slow3g).
//                usable = ms from navigation start to the first animation frame after the page's
//                <h1> and its three key figures are in the DOM and visible (a MutationObserver
//                installed before any script runs); map = the same once all 853 map paths are in the
//                DOM; load = the load event. bytes = Network.loadingFinished.encodedDataLength summed
//                (headers + compressed body as received).
//   Lighthouse   accessibility, best practices, SEO and performance of /publico (mobile profile,
//                simulated throttling), BENCH_PUBLIC_LH_RUNS runs (default 1), median.
// Must not grow: the agents' precache (dist/service-worker.js manifest), printed for the record.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import type { Page } from 'playwright-core';
import { allMunicipalities } from '../../src/domain/municipality';
import { periodOfDate, shiftPeriod } from '../../src/domain/period';
import type { ReportSubmission } from '../../src/domain/report';
import { startServer, type RunningServer } from '../../server/start.ts';
import { launchBrowser } from '../helpers/chromium';
import { distFiles, precachedUrls } from '../helpers/dist-files';
import { validSubmission } from '../helpers/fixtures';
import { attempt, bounded, calibrate, stopChromium, calibrationText, ensureBuilt, kb, launchForLighthouse, machine, machineLine, median, ms, PROFILES, settle, table, writeResults, type FailedMeasurement } from './bench-util';

/** Every step bounded (#17): a stuck visit or Lighthouse run fails that measurement, named, and the run goes on. */
const SHORT = 30_000;
const LH_TIMEOUT = 180_000;

const RUNS = Math.max(1, Math.min(10, Number(process.env.BENCH_PUBLIC_RUNS ?? 3)));
const LH_RUNS = Math.max(1, Math.min(5, Number(process.env.BENCH_PUBLIC_LH_RUNS ?? 1)));
const MUNICIPALITIES = Math.max(1, Math.min(853, Number(process.env.BENCH_PUBLIC_MUNICIPALITIES ?? 400)));
const TYPES = ['palestra', 'oficina', 'roda_conversa', 'campanha_blitz', 'mutirao', 'feira_evento'];
const THEMES = ['arboviroses', 'vacinacao', 'saude_mental', 'cancer_mama', 'saude_homem', 'tabagismo'];

async function seed(server: RunningServer, period: string): Promise<number> {
  const store = server.store;
  const agent = server.demoAccounts.find((a) => a.role === 'agent')!;
  const central = server.demoAccounts.find((a) => a.role === 'central')!;
  const agentUser = (await store.accounts.findLogin(agent.login))!.user;
  const centralUser = (await store.accounts.findLogin(central.login))!.user;
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update(photo).digest('hex');
  await store.photos.put({ sha256: sha, mimeType: 'image/jpeg', bytes: photo, userId: agentUser.id, now: new Date() });
  const towns = allMunicipalities().filter((_, i) => i % Math.ceil(853 / MUNICIPALITIES) === 0).slice(0, MUNICIPALITIES);
  let actions = 0;
  for (const [i, m] of towns.entries()) {
    const n = 1 + (i % 6);
    const s = validSubmission(n, period);
    s.id = crypto.randomUUID();
    s.municipalityCode = m.code;
    s.actions.forEach((a: Record<string, any>, k: number) => {
      a.id = crypto.randomUUID();
      a.type = TYPES[(i + k) % TYPES.length];
      a.themes = [THEMES[(i * 7 + k) % THEMES.length]];
      a.participants = 10 + ((i * 13 + k * 7) % 90);
      a.photos[0].sha256 = sha;
    });
    const r = await store.reports.put(s as ReportSubmission, agentUser, new Date());
    if (r.outcome !== 'created') throw new Error(`seeding failed: ${r.outcome}`);
    await store.reviews.add({ reportId: s.id, user: centralUser, decision: 'approve', now: new Date() });
    actions += n;
  }
  return actions;
}

function usableWatcher(): string {
  return `(() => {
    const visible = (e) => !!e && e.checkVisibility();
    const done = { usable: false, map: false };
    const stamp = (key) => requestAnimationFrame(() => (window['__' + key] = performance.now()));
    const check = () => {
      if (!done.usable && visible(document.querySelector('h1')) && document.querySelectorAll('.kpis li strong').length === 3 && visible(document.querySelector('.kpis li:last-child'))) { done.usable = true; stamp('usable'); }
      if (!done.map && document.querySelectorAll('.mapa .m path').length === 853) { done.map = true; stamp('map'); }
      if (done.usable && done.map) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

const stampOf = (page: Page, key: string) =>
  page.waitForFunction((k) => (window as any)[`__${k}`] as number | undefined, key, { timeout: 120_000, polling: 50 }).then((h) => h.jsonValue() as Promise<number>);

async function main() {
  const m = machine();
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-bench-public-'));
  const server = await bounded('the endpoint to start', 60_000, startServer({ port: 0, dataDir, distDir: 'dist', demo: true, logger: false, limits: { scryptLog2N: 10 } }));
  const url = `${server.url}/publico`;
  const period = shiftPeriod(periodOfDate(new Date()), -1);
  const browser = await bounded('Chromium to launch', 60_000, launchBrowser());
  const failures: FailedMeasurement[] = [];
  const calibration = calibrate();
  const visits: { usableMs: number; mapMs: number; loadMs: number; bytes: number; requests: number; htmlBytes: number }[] = [];
  let lighthouseRuns: Record<string, number>[] = [];
  let actions = 0;
  try {
    actions = await bounded('seeding the approved reports', 300_000, seed(server, period));
    const rawBytes = await bounded('GET /publico (uncompressed)', SHORT, async () => (await (await fetch(url)).arrayBuffer()).byteLength);
    const p = PROFILES.slow3g;
    for (let k = 0; k <= RUNS; k++) await attempt(`public first visit ${k}`, failures, async () => {
      const context = await bounded('a new browser context', SHORT, browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pt-BR' }));
      try {
        const page = await bounded('a new page', SHORT, context.newPage());
        await bounded('the usable-time watcher to install', SHORT, page.addInitScript(usableWatcher()));
        const cdp = await bounded('a CDP session on the page', SHORT, context.newCDPSession(page));
        let bytes = 0;
        let requests = 0;
        let htmlBytes = 0;
        const docs = new Set<string>();
        cdp.on('Network.responseReceived', (e) => { if (e.type === 'Document') docs.add(e.requestId); });
        cdp.on('Network.loadingFinished', (e) => {
          bytes += e.encodedDataLength;
          requests++;
          if (docs.has(e.requestId)) htmlBytes += e.encodedDataLength;
        });
        await bounded('CDP Network.enable', SHORT, cdp.send('Network.enable'));
        // run 0 warms the server (compiles the page code) and is not counted
        if (k > 0) {
          await bounded('CDP network emulation', SHORT, cdp.send('Network.emulateNetworkConditions', { offline: false, latency: p.latency, downloadThroughput: p.downloadThroughput, uploadThroughput: p.uploadThroughput }));
          await bounded('CDP CPU throttling', SHORT, cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu }));
        }
        await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
        const usableMs = await stampOf(page, 'usable');
        const mapMs = await stampOf(page, 'map');
        const loadMs = await bounded('the navigation timing', SHORT, () => page.evaluate(() => performance.getEntriesByType('navigation')[0] ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd : NaN));
        await page.waitForTimeout(500);
        if (k > 0) {
          visits.push({ usableMs, mapMs, loadMs, bytes, requests, htmlBytes });
          console.log(`public first visit ${k}: usable ${ms(usableMs)}, map ${ms(mapMs)}, load ${ms(loadMs)}, ${kb(bytes)} in ${requests} requests ${calibrationText(calibration)}`);
        }
      } finally {
        await settle('closing the browser context', context.close());
      }
    });
    await settle('closing the browser', browser.close());

    const profileDir = mkdtempSync(join(tmpdir(), 'mobiliza-lh-public-'));
    let { port, proc } = await bounded('Chromium to open a DevTools port', 60_000, launchForLighthouse(profileDir));
    try {
      const cats = ['accessibility', 'best-practices', 'seo', 'performance'];
      for (let k = 0; k < LH_RUNS; k++) {
        const r = await attempt(`Lighthouse /publico run ${k + 1}`, failures, async () => {
          const out = await bounded(`Lighthouse /publico run ${k + 1}`, LH_TIMEOUT, lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: cats }));
          if (!out) throw new Error('Lighthouse returned no result');
          if (out.lhr.runtimeError) throw new Error(`Lighthouse: ${out.lhr.runtimeError.code} ${out.lhr.runtimeError.message}`);
          return out;
        });
        if (!r) {
          proc.kill('SIGKILL');
          ({ port, proc } = await bounded('Chromium to open a DevTools port', 60_000, launchForLighthouse(profileDir)));
          continue;
        }
        const scores = Object.fromEntries(cats.map((c) => [c, Math.round((r.lhr.categories[c]?.score ?? 0) * 100)]));
        const lost = cats.flatMap((c) => (r.lhr.categories[c]?.auditRefs ?? [])
          .filter((a) => a.weight > 0 && r.lhr.audits[a.id]?.score != null && r.lhr.audits[a.id].score! < 1).map((a) => `${c}/${a.id}`));
        console.log(`lighthouse /publico run ${k + 1}: ${cats.map((c) => `${c} ${scores[c]}`).join(', ')}${lost.length ? `; audits below full score: ${lost.join(', ')}` : ''}`);
        lighthouseRuns.push(scores);
      }
    } finally {
      await stopChromium(proc);
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
    }

    const sw = readFileSync(join('dist', 'service-worker.js'), 'utf8');
    const precached = precachedUrls(sw);
    const precacheBytes = precached.reduce((n, f) => n + readFileSync(join('dist', f)).length, 0);
    const summary = {
      seeded: { municipalities: MUNICIPALITIES, actions, period },
      usableMs: { median: median(visits.map((v) => v.usableMs)), max: Math.max(...visits.map((v) => v.usableMs)) },
      mapMs: { median: median(visits.map((v) => v.mapMs)), max: Math.max(...visits.map((v) => v.mapMs)) },
      loadMs: median(visits.map((v) => v.loadMs)),
      bytesOnWire: median(visits.map((v) => v.bytes)),
      htmlBytesOnWire: median(visits.map((v) => v.htmlBytes)),
      htmlBytesUncompressed: rawBytes,
      requests: median(visits.map((v) => v.requests)),
      lighthouse: Object.fromEntries(Object.keys(lighthouseRuns[0] ?? {}).map((c) => [c, median(lighthouseRuns.map((r) => r[c]))])),
      agentPrecache: { files: precached.length, bytes: precacheBytes, distFiles: distFiles('dist').length },
      calibrationMs: calibration.ms,
      failures,
    };
    for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
    console.log(`\n/publico on ${p.name} at 360×640, ${RUNS} first visits; ${machineLine(m)}`);
    console.log(table(['figure', 'value'], [
      ['seeded (approved reports, actions)', `${MUNICIPALITIES}, ${actions}`],
      ['usable (h1 + key figures), median / max', `${ms(summary.usableMs.median)} / ${ms(summary.usableMs.max)}`],
      ['map drawn (853 paths), median / max', `${ms(summary.mapMs.median)} / ${ms(summary.mapMs.max)}`],
      ['load event, median', ms(summary.loadMs)],
      ['bytes on the wire (all requests)', `${kb(summary.bytesOnWire)} in ${summary.requests} requests`],
      ['HTML on the wire / uncompressed', `${kb(summary.htmlBytesOnWire)} / ${kb(rawBytes)}`],
      ['Lighthouse (median)', Object.entries(summary.lighthouse).map(([c, s]) => `${c} ${s}`).join(', ')],
      ['agents’ precache (files, bytes)', `${precached.length}, ${kb(precacheBytes)}`],
    ]));
    console.log('wrote', writeResults('public', { machine: m, runs: RUNS, summary, visits, lighthouseRuns }));
  } finally {
    await settle('closing the browser', browser.close());
    await settle('closing the endpoint', server.close());
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
