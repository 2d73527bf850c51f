// Memory benchmark (a script, not a test): `npm run bench:memory`.
// Ten 12 MP photos (4032×3024 JPEG from a Pixel, made distinct by a small brightness step each, EXIF
// kept) are added to one action in a row, each through the gallery input once the previous one is
// stored, in real Chromium against dist/ served locally (the agent's offline path; no endpoint).
// Meanwhile the JS heap is sampled every 100 ms over CDP:
//   page    Performance.getMetrics → JSHeapUsedSize (and JSHeapTotalSize), on the page target;
//   worker  Runtime.getHeapUsage → usedSize (and totalSize), on every dedicated worker the page
//           starts (the photo worker; Target.setAutoAttach from the page's session).
// Peak of each is reported with the goal (≤ 150 MB). Decoded bitmaps live outside the JS heap (in
// Blink/GPU memory), so these are JS heap figures, as the issue asks. Every step is bounded (#17).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { launchBrowser } from '../helpers/chromium';
import { serveDist } from '../helpers/static-server';
import { addAction, completeFirstRun, FIXTURES, openNewReport } from '../e2e/app-flow';
import { attempt, bounded, calibrate, calibrationText, ensureBuilt, machine, machineLine, RESULTS_DIR, settle, table, writeResults, type FailedMeasurement } from './bench-util';

const GOAL_MB = 150;
const PHOTOS = 10;
const SOURCE = 'large-phone_google-pixel_12mp_gps.jpg';
const STEP = 120_000;
const SHORT = 30_000;
const MB = 1024 * 1024;

/** Ten distinct 12 MP JPEGs, made once into bench-results/memory-photos/. */
async function twelveMegapixelPhotos(): Promise<{ name: string; path: string }[]> {
  const dir = join(RESULTS_DIR, 'memory-photos');
  mkdirSync(dir, { recursive: true });
  const source = readFileSync(join(FIXTURES, SOURCE));
  const out = [];
  for (let k = 0; k < PHOTOS; k++) {
    const path = join(dir, `pixel-12mp-${k + 1}.jpg`);
    if (!existsSync(path)) writeFileSync(path, await sharp(source).modulate({ brightness: 1 + k * 0.01 }).withMetadata().jpeg({ quality: 92 }).toBuffer());
    out.push({ name: `pixel-12mp-${k + 1}.jpg`, path });
  }
  return out;
}

interface Peak {
  used: number;
  total: number;
}

async function main() {
  const m = machine();
  await ensureBuilt();
  const files = await twelveMegapixelPhotos();
  const { width, height } = await sharp(files[0].path).metadata();
  const app = await bounded('the static server for dist/', 60_000, serveDist());
  const browser = await bounded('Chromium to launch', 60_000, launchBrowser());
  const failures: FailedMeasurement[] = [];
  const page = { used: 0, total: 0 } as Peak;
  const worker = { used: 0, total: 0 } as Peak;
  const perPhoto: { photo: number; ms: number; pageUsedMb: number; workerUsedMb: number }[] = [];
  let workersSeen = 0;
  const calibration = calibrate();
  try {
    await attempt(`adding ${PHOTOS} 12 MP photos`, failures, async () => {
      const context = await bounded('a new browser context', SHORT, browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'pt-BR' }));
      try {
        const p = await bounded('a new page', SHORT, context.newPage());
        const cdp = await bounded('a CDP session on the page', SHORT, context.newCDPSession(p));
        await bounded('CDP Performance.enable', SHORT, cdp.send('Performance.enable'));
        // dedicated workers: attach (non-flat) and talk to them through the page's session
        const workers = new Map<string, (method: string) => Promise<any>>();
        const pending = new Map<number, (v: any) => void>();
        let nextId = 1;
        cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
          const msg = JSON.parse(e.message);
          if (msg.id && pending.has(msg.id)) {
            pending.get(msg.id)!(msg.result ?? {});
            pending.delete(msg.id);
          }
        });
        cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
          if (e.targetInfo.type !== 'worker') return;
          workersSeen++;
          workers.set(e.sessionId, (method) =>
            bounded(`CDP ${method} on the photo worker`, SHORT, new Promise((resolve) => {
              const id = nextId++;
              pending.set(id, resolve);
              void cdp.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve({}));
            })),
          );
        });
        cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => void workers.delete(e.sessionId));
        await bounded('CDP auto-attach to workers', SHORT, cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }));

        await p.goto(app.url, { timeout: STEP });
        await bounded('the first run (local profile)', STEP, completeFirstRun(p));
        await bounded('a new report', STEP, openNewReport(p));
        await bounded('a new action', STEP, addAction(p, 'Dez fotos de 12 MP'));

        let sampling = true;
        const sample = async () => {
          const metrics = (await bounded('CDP Performance.getMetrics on the page', SHORT, cdp.send('Performance.getMetrics'))).metrics;
          const get = (name: string) => metrics.find((x: { name: string }) => x.name === name)?.value ?? 0;
          page.used = Math.max(page.used, get('JSHeapUsedSize'));
          page.total = Math.max(page.total, get('JSHeapTotalSize'));
          let workerUsed = 0;
          for (const send of workers.values()) {
            const h = await send('Runtime.getHeapUsage').catch(() => ({}));
            workerUsed = Math.max(workerUsed, h.usedSize ?? 0);
            worker.used = Math.max(worker.used, h.usedSize ?? 0);
            worker.total = Math.max(worker.total, h.totalSize ?? 0);
          }
          return { page: get('JSHeapUsedSize'), worker: workerUsed };
        };
        const sampler = (async () => {
          while (sampling) {
            await sample().catch(() => undefined);
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        try {
          for (const [k, f] of files.entries()) {
            const t = performance.now();
            await bounded(`choosing photo ${k + 1}`, SHORT, p.getByLabel('Escolher da galeria').setInputFiles(f.path));
            await bounded(`photo ${k + 1} to be stored`, STEP, p.waitForFunction((n) => document.querySelectorAll('.photo-item').length === n && !document.querySelector('.photo-progress'), k + 1, { timeout: STEP }));
            const now = await sample();
            perPhoto.push({ photo: k + 1, ms: Math.round(performance.now() - t), pageUsedMb: +(now.page / MB).toFixed(1), workerUsedMb: +(now.worker / MB).toFixed(1) });
            console.log(`photo ${k + 1}: ${perPhoto.at(-1)!.ms} ms; heap now page ${perPhoto.at(-1)!.pageUsedMb} MB, worker ${perPhoto.at(-1)!.workerUsedMb} MB`);
          }
          const alerts = await bounded('reading alerts', SHORT, p.getByRole('alert').allTextContents());
          if (alerts.join('').trim()) throw new Error(`the app refused a photo: ${alerts.join(' / ')}`);
        } finally {
          sampling = false;
          await bounded('the heap sampler to stop', SHORT, sampler).catch(() => undefined);
        }
      } finally {
        await settle('closing the browser context', context.close());
      }
    });
  } finally {
    await settle('closing the browser', browser.close());
    await settle('closing the static server', app.close());
  }
  const mb = (b: number) => `${(b / MB).toFixed(1)} MB`;
  const summary = {
    photos: PHOTOS,
    source: `${SOURCE} → ${width}×${height}`,
    goalMb: GOAL_MB,
    pagePeakUsedMb: +(page.used / MB).toFixed(1),
    pagePeakTotalMb: +(page.total / MB).toFixed(1),
    workerPeakUsedMb: +(worker.used / MB).toFixed(1),
    workerPeakTotalMb: +(worker.total / MB).toFixed(1),
    workersSeen,
    measured: perPhoto.length === PHOTOS && workersSeen > 0,
    calibrationMs: calibration.ms,
    failures,
  };
  console.log(`\nMemory benchmark — ${PHOTOS} photos of ${width}×${height} added in a row; ${calibrationText(calibration)}; ${machineLine(m)}`);
  console.log(
    table(
      ['JS heap, peak', 'used', 'allocated', `goal (used) ≤ ${GOAL_MB} MB`],
      [
        ['page', mb(page.used), mb(page.total), page.used <= GOAL_MB * MB ? 'pass' : 'miss'],
        [`photo worker (${workersSeen} seen)`, mb(worker.used), mb(worker.total), workersSeen ? (worker.used <= GOAL_MB * MB ? 'pass' : 'miss') : 'not measured'],
      ],
    ),
  );
  for (const f of failures) console.log(`failed measurement — ${f.measurement}: ${f.error}`);
  console.log('wrote', writeResults('memory', { machine: m, summary, perPhoto }));
  if (!summary.measured) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
