// Lighthouse benchmark (a script, not a test): `npm run bench:lighthouse`.
// Lighthouse 12 (node API) against the real production setup (startServer on a temp PGlite dir,
// serving dist/), its default config: mobile form factor, simulated throttling (150 ms RTT,
// 1.6 Mbps down, 4× CPU), storage reset before each run — so every run is a first visit, and
// it audits the welcome/sign-in screen. BENCH_LIGHTHOUSE_RUNS runs (default 3); the median score
// of each category is reported, with the audits that lost points. Only a summary is saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { startServer } from '../../server/start.ts';
import { distFiles } from '../helpers/dist-files';
import { attempt, bounded, calibrate, stopChromium, calibrationText, ensureBuilt, launchForLighthouse, machine, machineLine, median, ms, settle, table, writeResults, type Calibration, type FailedMeasurement } from './bench-util';

const RUNS = Math.max(1, Math.min(10, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)));
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
/** One Lighthouse run (#17: bounded; a stuck run fails, Chromium is restarted, the next run goes on). */
const RUN_TIMEOUT = 180_000;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

interface RunSummary {
  calibration: Calibration;
  scores: Record<string, number>;
  metrics: Record<string, number>;
  lostPoints: { category: string; id: string; title: string; score: number | null }[];
}

async function main() {
  const m = machine();
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-bench-lh-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'mobiliza-lh-profile-'));
  const server = await bounded('the endpoint to start', 60_000, startServer({ port: 0, dataDir, distDir: 'dist', demo: true, logger: false }));
  let chromium = await bounded('Chromium to open a DevTools port', 60_000, launchForLighthouse(profileDir));
  // The endpoint compresses each file of the build once, at its first request (brotli 11): fetch
  // them all first so that no run pays that one-off cost (the load benchmark warms up the same way).
  await bounded('warming the endpoint (every file of dist/ once)', 120_000, async () => {
    for (const f of distFiles('dist')) await (await fetch(`${server.url}/${f}`, { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
  });
  const runs: RunSummary[] = [];
  const failures: FailedMeasurement[] = [];
  let lighthouseVersion = '';
  try {
    for (let k = 0; k < RUNS; k++) {
      const calibration = calibrate();
      const result = await attempt(`Lighthouse run ${k + 1}`, failures, () =>
        bounded(`Lighthouse run ${k + 1} (navigation, trace and audits)`, RUN_TIMEOUT, lighthouse(server.url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] })),
      );
      if (!result) {
        // a stuck Chromium is not reused
        chromium.proc.kill('SIGKILL');
        chromium = await bounded('Chromium to open a DevTools port', 60_000, launchForLighthouse(profileDir));
        continue;
      }
      const lhr = result.lhr;
      lighthouseVersion = lhr.lighthouseVersion;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
      const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? NaN]));
      const lostPoints = CATEGORIES.flatMap((c) =>
        (lhr.categories[c]?.auditRefs ?? [])
          // weighted audits that lost points, and performance diagnostics/opportunities that flag something
          .filter((ref) => (ref.weight > 0 || c === 'performance') && lhr.audits[ref.id]?.score != null && lhr.audits[ref.id].score! < 0.9)
          .map((ref) => ({ category: c, id: ref.id, title: lhr.audits[ref.id].title, score: lhr.audits[ref.id].score })),
      );
      runs.push({ calibration, scores, metrics, lostPoints });
      console.log(`lighthouse run ${k + 1}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}; LCP ${ms(metrics['largest-contentful-paint'])}, TBT ${ms(metrics['total-blocking-time'])} ${calibrationText(calibration)}`);
    }
  } finally {
    await stopChromium(chromium.proc);
    await settle('closing the endpoint', server.close());
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
  }

  for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
  if (!runs.length) {
    console.log('wrote', writeResults('lighthouse', { machine: m, runs: 0, failures }));
    process.exit(1);
  }
  const calibrationMs = Math.round(median(runs.map((r) => r.calibration.ms)));
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))]));
  const metrics = Object.fromEntries(METRICS.map((id) => [id, +median(runs.map((r) => r.metrics[id])).toFixed(id === 'cumulative-layout-shift' ? 3 : 0)]));
  const lostPoints = [...new Map(runs.flatMap((r) => r.lostPoints).map((a) => [`${a.category}/${a.id}`, a])).values()];
  console.log(`\nLighthouse ${lighthouseVersion} (mobile, simulated throttling), median of ${runs.length}/${RUNS} runs; cpu calibration ${calibrationMs} ms; ${machineLine(m)}`);
  const GOALS: Record<string, string> = { performance: '≥ 95', accessibility: '≥ 95', 'best-practices': '≥ 95' };
  console.log(table(['category', 'score', 'goal'], CATEGORIES.map((c) => [c, scores[c], GOALS[c]])));
  console.log(table(['metric', 'median'], METRICS.map((id) => [id, metrics[id]])));
  if (lostPoints.length) console.log(`audits below full score: ${lostPoints.map((a) => `${a.category}/${a.id} (${a.score})`).join(', ')}`);
  console.log('wrote', writeResults('lighthouse', { machine: m, lighthouseVersion, runs: runs.length, calibrationMs, failures, scores, metrics, lostPoints, perRun: runs }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
