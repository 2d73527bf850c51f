// Action-editor length benchmark (issue #17 part 5), a script: `npm run bench:editor`.
// At 360×640 in Chromium, a month's report with 1 new (empty) action: how far the agent scrolls
// from the top of the action editor to its photo section, and the editor's whole scroll height.
//   toPhotos = px from the document top to the top of the "Fotos" section (screens = ÷ 640)
//   height   = document.scrollingElement.scrollHeight
//   jump     = whether a "Fotos (n) ↓" button on the first screen takes the agent there in one tap
// BENCH_EDITOR_BASELINE=<a dist/ of another commit> (e.g. a build of dee3fbf, before the fix) is
// measured in the same run. Layout does not depend on CPU speed, but every step is bounded in time
// like the other benchmarks, and the whole script stops after BENCH_EDITOR_LIMIT_S (default 180 s).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../helpers/chromium';
import { serveDist } from '../helpers/static-server';
import { addAction, completeFirstRun, openNewReport } from '../e2e/app-flow';
import { calibrate, calibrationText, ensureBuilt, machine, machineLine, writeResults } from './bench-util';

const STEP_MS = 30_000;
const LIMIT_S = Number(process.env.BENCH_EDITOR_LIMIT_S ?? 180);
const VIEWPORT = { width: 360, height: 640 };

const watchdog = setTimeout(() => {
  console.error(`editor: gave up after ${LIMIT_S} s (whole-benchmark limit); no figures`);
  process.exit(2);
}, LIMIT_S * 1000);
watchdog.unref();

async function step<T>(name: string, what: () => Promise<T>, limit = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      what(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`editor: step "${name}" did not finish within ${limit / 1000} s`)), limit))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Measure { toPhotosPx: number; heightPx: number; screensToPhotos: number; jump: boolean; afterJumpPhotosTop?: number }

async function measure(page: Page): Promise<Measure> {
  const m = (await page.evaluate(`(() => {
    const photos = document.querySelector('[id^="photos-"]') ?? [...document.querySelectorAll('h2, legend')].find((e) => /^Fotos/.test(e.textContent.trim()));
    const top = photos ? photos.getBoundingClientRect().top + window.scrollY : NaN;
    const height = document.scrollingElement.scrollHeight;
    const jump = document.querySelector('[data-testid="jump-photos"]');
    const jumpOnFirstScreen = !!jump && jump.getBoundingClientRect().bottom <= window.innerHeight;
    return { toPhotosPx: Math.round(top), heightPx: height, jump: jumpOnFirstScreen };
  })()`)) as Measure;
  m.screensToPhotos = +(m.toPhotosPx / VIEWPORT.height).toFixed(1);
  if (m.jump) {
    await page.getByTestId('jump-photos').click();
    await page.waitForTimeout(300);
    m.afterJumpPhotosTop = (await page.evaluate(`Math.round(document.querySelector('[id^="photos-"]').getBoundingClientRect().top)`)) as number;
  }
  return m;
}

async function main() {
  const cal = calibrate();
  await ensureBuilt();
  const builds = [{ name: 'this build', ...(await serveDist()) }];
  if (process.env.BENCH_EDITOR_BASELINE) builds.push({ name: `baseline ${process.env.BENCH_EDITOR_BASELINE}`, ...(await serveDist(process.env.BENCH_EDITOR_BASELINE)) });
  const browser = await launchBrowser();
  const results: Record<string, Measure | { failed: string }> = {};
  try {
    for (const build of builds) {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pt-BR' });
      const page = await context.newPage();
      try {
        await step(`${build.name}: first visit`, () => page.goto(build.url));
        await step(`${build.name}: first run`, () => completeFirstRun(page));
        await step(`${build.name}: new report`, () => openNewReport(page));
        await step(`${build.name}: one action`, () => addAction(page));
        await step(`${build.name}: fonts and layout settled`, () => page.evaluate('document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(true))))'));
        const m = await step(`${build.name}: measuring`, () => measure(page));
        results[build.name] = m;
        console.log(
          `${build.name}: action editor at 360×640, 1 action: photos start ${m.toPhotosPx} px from the top (${m.screensToPhotos} screens), editor ${m.heightPx} px tall (${(m.heightPx / VIEWPORT.height).toFixed(1)} screens); ` +
            (m.jump ? `"Fotos (n) ↓" on the first screen: one tap puts the photos ${m.afterJumpPhotosTop} px from the top` : 'no jump to the photos'),
        );
      } catch (error) {
        results[build.name] = { failed: error instanceof Error ? error.message : String(error) };
        console.error(`${build.name}: failed measurement: ${(results[build.name] as { failed: string }).failed}`);
      }
      await context.close();
    }
    console.log(`\n${machineLine(machine())}; cpu calibration ${calibrationText(cal)}`);
    console.log('wrote', writeResults('editor', { calibration: cal, viewport: VIEWPORT, results }));
  } finally {
    await browser.close();
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
