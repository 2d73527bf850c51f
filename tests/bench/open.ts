// Repeat-open benchmark (issue #17 part 2), a script: `npm run bench:open` (also in `npm run bench`).
// An agent's phone with 12 months of reports on it (BENCH_OPEN_MONTHS, default 12; 5 actions of 4
// photos each, ~250 KB photos with ~10 KB thumbnails: ~60 MB of IndexedDB, as the app stores them)
// is opened again offline: the service worker is stopped (cold start, the worst case), the network
// is cut, the CPU throttled 4×, and `/` is opened in a new tab, BENCH_OPEN_RUNS times (default 5),
// in a persistent browser profile as on a phone (BENCH_OPEN_CONTEXT=incognito: off the record).
//   usable = ms from navigation start to the first animation frame after the heading "Relatórios
//            mensais" and every month's card link are in the DOM and visible.
//   bytes  = Network.loadingFinished.encodedDataLength on the page (must be 0: all from the SW).
// BENCH_OPEN_PROFILE=1 records a CPU profile of one extra run and prints the top self-time
// functions (where the time goes). Every step is bounded: a stuck step fails the benchmark with the
// name of what it waited for, and the whole script stops after BENCH_OPEN_LIMIT_S (default 600 s).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { emptyActionFields } from '../../src/domain/action';
import { LOCAL_OWNER } from '../../src/domain/outbox';
import { periodOfDate, shiftPeriod } from '../../src/domain/period';
import { launchBrowser, launchPersistent } from '../helpers/chromium';
import { serveDist } from '../helpers/static-server';
import { completeFirstRun } from '../e2e/app-flow';
import { calibrate, calibrationText, ensureBuilt, loggedUsable, machine, machineLine, median, writeResults } from './bench-util';

const RUNS = Math.max(1, Math.min(15, Number(process.env.BENCH_OPEN_RUNS ?? 5)));
const MONTHS = Math.max(1, Math.min(24, Number(process.env.BENCH_OPEN_MONTHS ?? 12)));
const ACTIONS = 5;
const PHOTOS = 4;
const STEP_MS = 60_000;
const LIMIT_S = Number(process.env.BENCH_OPEN_LIMIT_S ?? 600);
const GOAL_MS = 500;
const FIXTURES = new URL('../../../shared/fixtures/photos/', import.meta.url);

const watchdog = setTimeout(() => {
  console.error(`open: gave up after ${LIMIT_S} s (whole-benchmark limit); no figures`);
  process.exit(2);
}, LIMIT_S * 1000);
watchdog.unref();

/** Runs `what` with a time limit; a stuck step throws naming what it waited for. */
async function step<T>(name: string, what: () => Promise<T>, limit = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      what(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`open: step "${name}" did not finish within ${limit / 1000} s`)), limit))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rows as the app writes them (no blobs: the page adds the same photo/thumbnail bytes to each). */
function seedRows(now: Date) {
  const current = periodOfDate(now);
  const reports: object[] = [];
  const actions: object[] = [];
  const photos: object[] = [];
  const at = now.toISOString();
  for (let m = 0; m < MONTHS; m++) {
    const period = shiftPeriod(current, -m);
    const id = crypto.randomUUID();
    const status = m === 0 ? 'draft' : m === 1 ? 'received' : 'approved';
    reports.push({
      id, ownerId: LOCAL_OWNER, municipalityCode: '3106200', period, status, revision: 1, notes: '', noActionsJustification: '',
      responsible: { name: 'Ana Souza', role: 'Referência técnica', phone: '', email: '' }, createdAt: at, updatedAt: at,
      ...(status === 'draft' ? {} : { protocol: `MG-${period}-${m}`, submittedAt: at }),
    });
    for (let a = 1; a <= ACTIONS; a++) {
      const actionId = crypto.randomUUID();
      actions.push({
        ...emptyActionFields(), id: actionId, reportId: id, number: a, createdAt: at, updatedAt: at,
        date: `${period}-0${a}`, title: `Ação ${a} de ${period}: palestra sobre dengue na escola`, type: 'palestra', themes: ['dengue'],
        place: { description: 'Escola Estadual Central', zone: 'urbana' }, audience: ['populacao_geral'], participants: 30 + a,
        description: 'Eliminação de criadouros com os alunos, visita às casas vizinhas e distribuição de material educativo. '.repeat(4),
      });
      for (let p = 1; p <= PHOTOS; p++) {
        photos.push({
          id: crypto.randomUUID(), actionId, reportId: id, number: p, caption: `Foto ${a}.${p}`, sha256: crypto.randomUUID().replaceAll('-', '').padEnd(64, '0'),
          mimeType: 'image/jpeg', byteSize: 0, width: 1200, height: 1600, takenAt: at, fileName: `IMG_${m}_${a}_${p}.jpg`, fileSize: 3_000_000, createdAt: at,
        });
      }
    }
  }
  return { reports, actions, photos };
}

/** Writes the rows into the app's own IndexedDB database (raw IndexedDB: the app's db is not exposed). */
async function seed(page: Page) {
  const rows = seedRows(new Date());
  const photo = readFileSync(new URL('orientation-6_portrait_labeled.jpg', FIXTURES)).toString('base64');
  const thumb = readFileSync(new URL('gps_nikon-coolpix-p6000.jpg', FIXTURES)).subarray(0, 10_000).toString('base64');
  // a string, not a function: tsx's helpers (__name) do not exist in the page
  await page.evaluate(`(async ({ rows, photo, thumb }) => {
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const photoBytes = bytes(photo);
    const thumbBytes = bytes(thumb);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('mobiliza');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
    const put = (store, list) => {
      const tx = db.transaction(store, 'readwrite');
      for (const row of list) tx.objectStore(store).put(row);
      return done(tx);
    };
    // the draft month the first run made is replaced by the seeded ones
    const clear = db.transaction(['reports', 'actions', 'photos'], 'readwrite');
    for (const s of ['reports', 'actions', 'photos']) clear.objectStore(s).clear();
    await done(clear);
    await put('reports', rows.reports);
    await put('actions', rows.actions);
    for (let k = 0; k < rows.photos.length; k += 40) {
      await put('photos', rows.photos.slice(k, k + 40).map((p, i) => {
        // distinct bytes per photo, as on a phone
        const b = photoBytes.slice();
        b[b.length - 3] = (k + i) & 0xff;
        b[b.length - 4] = (k + i) >> 8;
        return { ...p, byteSize: b.length, blob: new Blob([b], { type: 'image/jpeg' }), thumb: new Blob([thumbBytes], { type: 'image/jpeg' }) };
      }));
    }
    db.close();
  })(${JSON.stringify({ rows, photo, thumb })})`);
  return rows;
}

function usableWatcher(cards: number): string {
  return `(() => {
    const visible = (e) => !!e && e.checkVisibility();
    const check = () => {
      if (window.__usableAt !== undefined) return;
      // cheap checks first: checkVisibility() forces a layout, which the watcher must not add to every mutation
      const title = document.getElementById('reports-title');
      const links = document.querySelectorAll('.cards .card-link');
      if (!title || links.length < ${cards} || !visible(title) || !visible(links[0])) return;
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

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }

function topSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, n = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, k) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[k] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, t]) => `${t.toFixed(1).padStart(8)} ms  ${fn}`);
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

/** The page's main thread in a Chromium trace: time per event name (nested events counted in each) and when the first ones started. */
function traceSummary(trace: { traceEvents: TraceEvent[] }, n = 25): string[] {
  const events = trace.traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const nav = events.find((e) => e.name === 'navigationStart') ?? events.find((e) => e.ph === 'X');
  const t0 = nav?.ts ?? 0;
  const total = new Map<string, { ms: number; count: number; first: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !mains.includes(`${e.pid}:${e.tid}`)) continue;
    const t = total.get(e.name) ?? { ms: 0, count: 0, first: Infinity };
    t.ms += e.dur / 1000;
    t.count++;
    t.first = Math.min(t.first, (e.ts - t0) / 1000);
    total.set(e.name, t);
  }
  return ['trace (page main thread, ms per event name, nested counted in each):', ...[...total.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, n)
    .map(([name, t]) => `${t.ms.toFixed(1).padStart(8)} ms  ${name} ×${t.count} (first at ${Math.round(t.first)} ms)`)];
}

interface Build { name: string; url: string; close: () => Promise<void> }
interface Run { usableMs: number; pageBytes: number; failed: number; phases?: string }

async function main() {
  const m = machine();
  const calibrationBefore = calibrate();
  await ensureBuilt();
  // BENCH_OPEN_BASELINE=<a dist/ of another commit>: measured in the same run, runs interleaved
  const builds: Build[] = [{ name: 'this build', ...(await serveDist()) }];
  if (process.env.BENCH_OPEN_BASELINE) builds.push({ name: `baseline ${process.env.BENCH_OPEN_BASELINE}`, ...(await serveDist(process.env.BENCH_OPEN_BASELINE)) });
  // A phone runs the app in its browser's persistent profile. Playwright's newContext() is off the
  // record (storage in memory, nothing kept between runs of the browser), and there the same open
  // spent 164 ms evaluating the first-load modules at 4× against 61 ms in a persistent profile (a
  // trace, 2026-12-03), as if the compiled code were never reused. BENCH_OPEN_CONTEXT=incognito
  // measures that case, as the benchmark did before 2026-12-03.
  const incognito = process.env.BENCH_OPEN_CONTEXT === 'incognito';
  const device = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pt-BR' };
  const persistent = incognito ? undefined : await launchPersistent(device);
  const browser = persistent ? persistent.context.browser() : await launchBrowser();
  const results = new Map<string, Run[]>(builds.map((b) => [b.name, []]));
  let profileTop: string[] = [];
  let rows: ReturnType<typeof seedRows> | undefined;
  let usage = 0;
  try {
    const context = persistent ? persistent.context : await browser!.newContext(device);
    console.log(`context: ${persistent ? 'a persistent profile, as on a phone' : 'off the record (BENCH_OPEN_CONTEXT=incognito)'}`);
    for (const build of builds) {
      const setup = await context.newPage();
      await step(`${build.name}: first visit and service worker ready`, async () => {
        await setup.goto(build.url);
        await setup.evaluate('navigator.serviceWorker.ready.then(() => true)');
      });
      await step(`${build.name}: first run (Começar sem conta)`, () => completeFirstRun(setup));
      const t0 = Date.now();
      rows = await step(`${build.name}: seeding ${MONTHS} months`, () => seed(setup), 180_000);
      console.log(`${build.name}: seeded ${rows.reports.length} reports, ${rows.actions.length} actions, ${rows.photos.length} photos in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      usage = (await setup.evaluate('navigator.storage.estimate().then((e) => e.usage ?? 0)')) as number;
      await setup.goto(build.url);
      await step(`${build.name}: the seeded list on screen`, () => setup.locator('.cards .card-link').nth(MONTHS - 1).waitFor());
      if (!(await setup.evaluate('!!navigator.serviceWorker.controller'))) throw new Error(`${build.name}: the service worker does not control the page`);
      await setup.close();
    }

    let failed = 0;
    context.on('requestfailed', () => failed++);
    await context.setOffline(true);
    const profiling = !!process.env.BENCH_OPEN_PROFILE;
    for (let k = 0; k < RUNS + (profiling ? 1 : 0); k++) {
      for (const build of k % 2 ? [...builds].reverse() : builds) {
        const profileRun = k === RUNS;
        if (profileRun && build !== builds[0]) continue;
        const page = await context.newPage();
        await page.addInitScript(usableWatcher(MONTHS));
        const cdp = await context.newCDPSession(page);
        let pageBytes = 0;
        cdp.on('Network.loadingFinished', (e) => (pageBytes += e.encodedDataLength));
        await cdp.send('Network.enable');
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        const tracing = profileRun && !!process.env.BENCH_OPEN_TRACE && !!browser;
        if (tracing) await browser!.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'disabled-by-default-devtools.timeline', 'ServiceWorker', 'IndexedDB'] });
        if (profileRun) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        failed = 0;
        const usable = loggedUsable(page);
        await step(`${build.name}: navigation`, () => page.goto(build.url, { waitUntil: 'commit', timeout: STEP_MS }));
        // the watcher logs the moment: no polling from here, so Playwright injects no script into
        // the page (its injected script costs ~100 ms of the throttled main thread while the app starts)
        const usableMs = await step(`${build.name}: the reports list usable`, () => usable);
        if (profileRun) {
          const { profile } = await cdp.send('Profiler.stop');
          profileTop = topSelfTime(profile as never);
          if (tracing) {
            const raw = (await browser!.stopTracing()).toString();
            // BENCH_OPEN_TRACE_FILE=<path>: the whole trace, for chrome://tracing or a script
            if (process.env.BENCH_OPEN_TRACE_FILE) writeFileSync(process.env.BENCH_OPEN_TRACE_FILE, raw);
            profileTop.push(...traceSummary(JSON.parse(raw)));
          }
          const timing = (await page.evaluate(`(() => {
            const n = performance.getEntriesByType('navigation')[0];
            const r = performance.getEntriesByType('resource').map((e) => \`  \${e.name.split('/').pop()} \${Math.round(e.startTime)}→\${Math.round(e.responseEnd)} ms\`);
            const marks = performance.getEntriesByType('mark').map((m) => \`\${m.name} \${Math.round(m.startTime)}\`).join(', ');
            return [\`marks: \${marks}\`, \`navigation: worker start \${Math.round(n.workerStart)}, response \${Math.round(n.responseStart)}→\${Math.round(n.responseEnd)}, DOMContentLoaded \${Math.round(n.domContentLoadedEventEnd)} ms\`, ...r];
          })()`)) as string[];
          profileTop.unshift(...timing);
          console.log(`CPU profile of ${build.name} (4× CPU, navigation → usable ${Math.round(usableMs)} ms), top self time:\n${profileTop.join('\n')}`);
        } else {
          await page.waitForTimeout(1000);
          // the app's start-up marks (src/main.tsx), when it sets them: where the time went
          const phases = (await page.evaluate(`(() => {
            const n = performance.getEntriesByType('navigation')[0];
            const first = performance.getEntriesByType('resource').find((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
            const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('mobiliza:')).map((m) => m.name.slice(9) + ' ' + Math.round(m.startTime));
            return ['html ' + Math.round(n.responseEnd), ...(first ? ['script ' + Math.round(first.startTime)] : []), 'dcl ' + Math.round(n.domContentLoadedEventEnd), ...marks].join(', ');
          })()`)) as string;
          results.get(build.name)!.push({ usableMs, pageBytes, failed, phases });
          console.log(`${build.name}: repeat open offline, 4× CPU, ${MONTHS} months, run ${k + 1}: usable ${Math.round(usableMs)} ms, ${pageBytes} B from the network, ${failed} failed attempts${phases ? ` (marks: ${phases})` : ''}`);
        }
        await page.close();
      }
    }
    const summarize = (runs: Run[]) => ({
      usableMs: { median: Math.round(median(runs.map((r) => r.usableMs))), max: Math.round(Math.max(...runs.map((r) => r.usableMs))) },
      pageBytes: Math.max(...runs.map((r) => r.pageBytes)),
      failedRequests: Math.max(...runs.map((r) => r.failed)),
    });
    const own = summarize(results.get(builds[0].name)!);
    const summary = {
      context: persistent ? 'persistent' : 'incognito', months: MONTHS, reports: rows!.reports.length, actions: rows!.actions.length, photos: rows!.photos.length, storageUsageBytes: usage, goalMs: GOAL_MS, ...own,
      ...(builds[1] ? { baseline: { name: builds[1].name, ...summarize(results.get(builds[1].name)!) } } : {}),
    };
    const calibrationAfter = calibrate();
    console.log(`\n${machineLine(m)}; load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`cpu calibration: before ${calibrationText(calibrationBefore)}, after ${calibrationText(calibrationAfter)}`);
    console.log(`repeat open offline, 4× CPU, ${MONTHS} months (${rows!.photos.length} photos, ${(usage / 2 ** 20).toFixed(0)} MB stored): usable median ${own.usableMs.median} ms (max ${own.usableMs.max}) — goal ≤ ${GOAL_MS} ms: ${own.usableMs.median <= GOAL_MS ? 'pass' : 'miss'}; ${own.pageBytes} B on the network (goal 0)`);
    if (summary.baseline) {
      const b = summary.baseline;
      console.log(`${b.name}, same run: usable median ${b.usableMs.median} ms (max ${b.usableMs.max}); ratio this/baseline ${(own.usableMs.median / b.usableMs.median).toFixed(2)}`);
    }
    console.log('wrote', writeResults('open', { machine: m, calibration: { before: calibrationBefore, after: calibrationAfter }, runs: RUNS, summary, results: Object.fromEntries(results), profileTop }));
  } finally {
    if (persistent) await persistent.close();
    else await browser!.close();
    for (const b of builds) await b.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
