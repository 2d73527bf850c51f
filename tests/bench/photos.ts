// Photo pipeline benchmark (a script, not a test): `npm run bench:photos`.
// Builds tests/bench/photos.html with Vite, serves it with the fixtures, and in Chromium at 1× and
// 4× CPU throttling runs every decodable fixture through:
//   platform       our worker (createImageBitmap + OffscreenCanvas, JPEG)  ← the app's path
//   platform-webp  the same worker encoding WebP (to decide JPEG vs WebP)
//   bic-ours       browser-image-compression as our fallback (1600 px, q 0.75, ≤ 2 iterations, local libURL)
//   bic-default    browser-image-compression with its default options (+ local libURL)
// Prints median/p95 of time and size per method and writes bench-results/photos.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { launchBrowser } from '../helpers/chromium';
import type { BenchSample, Method } from './bench-page';
import { attempt, bounded, calibrate, calibrationText, settle, type FailedMeasurement } from './bench-util';

/** One photo through one method (#17: bounded; a stuck one fails that file's measurement, named). */
const PHOTO_TIMEOUT = 120_000;
const SHORT = 30_000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = resolve(root, '../shared/fixtures/photos');
const outDir = join(root, 'bench-results/site');
const METHODS: Method[] = ['platform', 'platform-webp', 'bic-ours', 'bic-default'];
const RATES = [1, 4];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

interface ManifestFile { file: string; decodes_fully: boolean; detected_mime: string; make: string | null; megapixels: number | null }
const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
// decodable in Chromium: HEIC is not, the corrupt and text files are not images
const files = manifest.files.filter((f) => f.decodes_fully && f.detected_mime !== 'image/heic').map((f) => f.file);
/** Real, unedited phone/camera photos (≥ 5 MP): what the "done when" numbers are about. */
const PHONE = manifest.files.filter((f) => files.includes(f.file) && f.make && (f.megapixels ?? 0) >= 5).map((f) => f.file);

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

async function main() {
  await build({
    configFile: false,
    root: join(root, 'tests/bench'),
    base: './',
    publicDir: fixtures,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: join(root, 'tests/bench/photos.html') } },
  });
  const server = await bounded('the preview server', 60_000, () => preview({ configFile: false, root: join(root, 'tests/bench'), logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } }));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/photos.html`;
  const browser = await bounded('Chromium to launch', 60_000, launchBrowser());
  const failures: FailedMeasurement[] = [];
  const calibration = calibrate();
  const results: Record<string, Record<Method, { file: string; samples: BenchSample[] }[]>> = {};
  const workerSpin: Record<string, number> = {};
  const foreign: string[] = [];
  try {
    for (const rate of RATES) {
      const page = await browser.newPage();
      page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1[:/]|blob:http:\/\/127\.0\.0\.1[:/]|data:)/.test(r.url())) foreign.push(r.url()); });
      page.on('pageerror', (e) => console.error('page error:', e));
      await page.goto(url, { timeout: PHOTO_TIMEOUT });
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: PHOTO_TIMEOUT });
      const cdp = await bounded('a CDP session on the page', SHORT, page.context().newCDPSession(page));
      await bounded('CDP CPU throttling', SHORT, cdp.send('Emulation.setCPUThrottlingRate', { rate }));
      const spins: number[] = [];
      for (let k = 0; k < 5; k++) spins.push(await bounded('the worker CPU check', SHORT, page.evaluate(() => (window as any).bench.workerSpin())));
      workerSpin[`${rate}x`] = median(spins);
      const perMethod = {} as Record<Method, { file: string; samples: BenchSample[] }[]>;
      for (const method of METHODS) {
        const one = (file: string) => bounded(`${rate}x ${method} on ${file}`, PHOTO_TIMEOUT, page.evaluate(([m, f]) => (window as any).bench.run(m, f) as Promise<BenchSample>, [method, file] as const));
        await attempt(`${rate}x ${method} warm-up`, failures, () => one(files[0])); // worker start, lazy chunks
        perMethod[method] = [];
        for (const file of files) {
          const samples: BenchSample[] = [];
          const ok = await attempt(`${rate}x ${method} on ${file}`, failures, async () => {
            for (let k = 0; k < REPEATS; k++) samples.push(await one(file));
            return true;
          });
          if (!ok) continue;
          perMethod[method].push({ file, samples });
          process.stdout.write(`${rate}x ${method.padEnd(13)} ${file.padEnd(44)} ${median(samples.map((s) => s.ms)).toFixed(0).padStart(6)} ms ${String(samples[0].bytes).padStart(9)} B ${samples[0].width}x${samples[0].height}\n`);
        }
      }
      results[`${rate}x`] = perMethod;
      await settle('closing the page', page.close());
    }
  } finally {
    await settle('closing the browser', browser.close());
    await settle('closing the preview server', server.close());
  }

  type Row = { set: 'all' | 'phone'; rate: string; method: Method; timeMedian: number; timeP95: number; sizeMedian: number; sizeP95: number; maxSide: number };
  const rows: Row[] = [];
  for (const set of ['all', 'phone'] as const) for (const [rate, perMethod] of Object.entries(results)) {
    const phoneOnly = set === 'phone';
    for (const method of METHODS) {
      const perFile = perMethod[method].filter((f) => !phoneOnly || PHONE.includes(f.file));
      const times = perFile.map((f) => median(f.samples.map((s) => s.ms)));
      const sizes = perFile.map((f) => f.samples[0].bytes);
      rows.push({
        set, rate, method,
        timeMedian: median(times), timeP95: quantile(times, 0.95),
        sizeMedian: median(sizes), sizeP95: quantile(sizes, 0.95),
        maxSide: Math.max(...perFile.map((f) => Math.max(f.samples[0].width, f.samples[0].height))),
      });
    }
  }
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(`\nfixtures: all = ${files.length} decodable; phone = ${PHONE.length} real photos ≥ 5 MP (${REPEATS} runs each; time = per-photo median over runs)`);
  console.log(`worker CPU check (same busy loop in a dedicated worker, median of 5; CDP throttles workers only through the page): ${Object.entries(workerSpin).map(([r, ms]) => `${r} ${ms.toFixed(0)} ms`).join(', ')}`);
  console.log('| set | CPU | method | time median | time p95 | size median | size p95 | max side | time vs bic-default | size vs bic-default |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const base = rows.find((x) => x.set === r.set && x.rate === r.rate && x.method === 'bic-default')!;
    console.log(`| ${r.set} | ${r.rate} | ${r.method} | ${r.timeMedian.toFixed(0)} ms | ${r.timeP95.toFixed(0)} ms | ${kb(r.sizeMedian)} | ${kb(r.sizeP95)} | ${r.maxSide} | ${(r.timeMedian / base.timeMedian).toFixed(2)} | ${(r.sizeMedian / base.sizeMedian).toFixed(3)} |`);
  }
  console.log(`cpu calibration ${calibrationText(calibration)}`);
  for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
  if (foreign.length) console.log(`\nWARNING: requests left 127.0.0.1: ${[...new Set(foreign)].join(', ')}`);
  else console.log('\nno request left 127.0.0.1 (no CDN)');
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/photos.json'), JSON.stringify({ date: new Date().toISOString(), calibrationMs: calibration.ms, failures, files, repeats: REPEATS, workerSpin, rows, results, foreignRequests: foreign }, null, 2));
  console.log('wrote bench-results/photos.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
