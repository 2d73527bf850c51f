// Shared by the browser benchmarks (load, lighthouse, sync): statistics, the machine line, network
// profiles, results files, and CDP access to service-worker targets.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium';

export const RESULTS_DIR = join(process.cwd(), 'bench-results');

export const median = (xs: number[]) => quantile(xs, 0.5);

/** Linear-interpolated quantile (q in 0..1); NaN for no samples. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  loadAverage: number[];
  node: string;
  chromium: string;
}

/** What the figures ran on; load average is taken now (call it at the start). */
export function machine(): Machine {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // the benchmark itself reports a missing browser
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    node: process.version,
    chromium,
  };
}

export const machineLine = (m: Machine) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; load average at start ${m.loadAverage.join(' ')}; Node ${m.node}; ${m.chromium}`;

export function writeResults(name: string, data: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), ...data }, null, 2));
  return file;
}

/** Builds the app into dist/ when it is missing (a fresh clone). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(process.cwd(), 'dist/index.html'))) return;
  console.log('dist/ missing: building the app…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

/** CDP `Network.emulateNetworkConditions` parameters; throughput in bytes per second. */
export interface NetworkProfile {
  name: string;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
  cpu: number;
}

const kbps = (k: number) => (k * 1000) / 8;

export const PROFILES = {
  /** The issue's Slow 3G: 400 ms RTT, 400 kbps both ways (DevTools' Slow 3G throughput), phone CPU. */
  slow3g: { name: 'Slow 3G, 4× CPU', latency: 400, downloadThroughput: kbps(400), uploadThroughput: kbps(400), cpu: 4 },
  /** Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU. */
  lighthouseMobile: { name: 'Lighthouse mobile (150 ms, 1.6 Mbps/750 kbps, 4× CPU)', latency: 150, downloadThroughput: kbps(1600), uploadThroughput: kbps(750), cpu: 4 },
} satisfies Record<string, NetworkProfile>;

/** A CDP session on a service-worker target, reached through the browser session (non-flat). */
export interface WorkerSession {
  targetId: string;
  url: string;
  send(method: string, params?: object): Promise<unknown>;
}

/**
 * Watches service-worker targets of one browser and runs `setup` on each as soon as it appears
 * (page-level CDP emulation does not reach a service worker: it is a target of its own).
 * `onEvent` gets every CDP event of those targets. Call `stop()` when done.
 */
export async function watchServiceWorkers(
  browser: Browser,
  setup: (sw: WorkerSession) => Promise<void>,
  onEvent: (sw: WorkerSession, method: string, params: any) => void,
): Promise<{ stop: () => Promise<void>; ready: () => Promise<void> }> {
  const cdp: CDPSession = await bounded('a browser-level CDP session', 30_000, browser.newBrowserCDPSession());
  const bySession = new Map<string, WorkerSession>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const setups: Promise<void>[] = [];
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    const sw = bySession.get(e.sessionId);
    const msg = JSON.parse(e.message);
    if (msg.id && pending.has(msg.id)) {
      const p = pending.get(msg.id)!;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${msg.error.message}`));
      else p.resolve(msg.result);
    } else if (sw && msg.method) onEvent(sw, msg.method, msg.params);
  });
  cdp.on('Target.targetCreated', (e: { targetInfo: { type: string; targetId: string; url: string } }) => {
    if (e.targetInfo.type !== 'service_worker') return;
    const { targetId, url } = e.targetInfo;
    setups.push(
      (async () => {
        const { sessionId } = (await bounded('attaching to the service-worker target', 30_000, cdp.send('Target.attachToTarget', { targetId, flatten: false }))) as { sessionId: string };
        const sw: WorkerSession = {
          targetId,
          url,
          send: (method, params = {}) =>
            bounded(
              `CDP ${method} on the service worker`,
              30_000,
              new Promise((resolve, reject) => {
                const id = nextId++;
                pending.set(id, { resolve, reject });
                cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
              }),
            ),
        };
        bySession.set(sessionId, sw);
        await setup(sw);
      })().catch((error) => console.error('service worker attach failed:', error.message)),
    );
  });
  await bounded('CDP target discovery', 30_000, cdp.send('Target.setDiscoverTargets', { discover: true }));
  return {
    ready: async () => {
      await Promise.all(setups);
    },
    stop: async () => {
      await cdp.detach().catch(() => {});
    },
  };
}

/** Fixed-width text table (also valid Markdown). */
export function table(header: string[], rows: (string | number)[][]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...all.slice(1).map(line)].join('\n');
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (x: number) => `${Math.round(x)} ms`;

/** Debian's Chromium with a DevTools port for Lighthouse (it needs a port, not Playwright's pipe). */
export async function launchForLighthouse(profileDir: string): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(findChromium(), [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Chromium did not open a DevTools port in 30 s')), 30_000);
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
  });
  return { port, proc };
}

// ---- bounded steps (#17): a stuck step is a failed measurement that names what it waited for ----

/** A step that did not finish in time. */
export class StepTimeout extends Error {
  constructor(readonly step: string, readonly ms: number) {
    super(`timed out after ${(ms / 1000).toFixed(0)} s waiting for ${step}`);
    this.name = 'StepTimeout';
  }
}

/**
 * Awaits `work` for at most `ms`; past that it rejects with StepTimeout naming `step` (the work
 * itself may go on in the background: callers close their browser context in `finally`, bounded too).
 */
export async function bounded<T>(step: string, ms: number, work: Promise<T> | (() => Promise<T>)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(step, ms)), ms);
  });
  try {
    return await Promise.race([typeof work === 'function' ? work() : work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Clean-up that must not hang the run either: bounded, and its failure only logged. */
export async function settle(step: string, work: Promise<unknown> | (() => Promise<unknown>), ms = 30_000): Promise<void> {
  await bounded(step, ms, work).catch((error) => console.error(`clean-up: ${error instanceof Error ? error.message : error}`));
}

/** One failed measurement: which one, and why (a StepTimeout names what it waited for). */
export interface FailedMeasurement {
  measurement: string;
  error: string;
  timedOut: boolean;
}

/**
 * Runs one measurement; a failure (a bounded step that timed out, or any error) is recorded in
 * `failures`, printed, and `undefined` returned, so the benchmark goes on with the next one.
 */
export async function attempt<T>(measurement: string, failures: FailedMeasurement[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const f = { measurement, error: error instanceof Error ? error.message : String(error), timedOut: error instanceof StepTimeout };
    failures.push(f);
    console.error(`FAILED MEASUREMENT — ${measurement}: ${f.error}`);
    return undefined;
  }
}

// ---- CPU calibration (#17): the machine's speed beside every figure ----

/** The calibration loop: fixed work (xorshift mixing and a sqrt, 5 M iterations): 13 ms on the BENCHMARKS.md box when quiet (load < 2), 50+ ms when it is crowded. */
function calibrationLoop(): number {
  let x = 0x9e3779b9;
  let acc = 0;
  for (let i = 0; i < 5_000_000; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    acc += Math.sqrt(i & 0xffff) + (x & 7);
  }
  return acc;
}

export interface Calibration {
  /** best of 3 runs of the fixed loop, ms (lower = faster machine); the spread shows contention */
  ms: number;
  worstMs: number;
  loadAverage: number;
}

let sink = 0;
/** Times the fixed CPU loop now (best and worst of 3, after one warm-up run for the JIT) with the 1-minute load average. */
export function calibrate(): Calibration {
  const times: number[] = [];
  sink += calibrationLoop();
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    sink += calibrationLoop();
    times.push(performance.now() - t);
  }
  if (sink === 42) console.log(''); // keep the loop's result alive
  return { ms: Math.round(Math.min(...times)), worstMs: Math.round(Math.max(...times)), loadAverage: +loadavg()[0].toFixed(2) };
}

/** `[cpu 61 ms (worst 75), load 3.2]`, printed beside a figure. */
export const calibrationText = (c: Calibration | undefined) => (c ? `[cpu ${c.ms} ms (worst ${c.worstMs}), load ${c.loadAverage}]` : '[cpu —]');

/** Stops a Chromium started for Lighthouse and waits (bounded) until it has exited, so its profile directory can be removed. */
export async function stopChromium(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill();
  await settle('Chromium to exit', exited, 10_000);
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
}

/**
 * The moment a page's usable-time watcher logs (`console.debug('mobiliza-bench:usable', ms)`):
 * listened for, never polled, so Playwright injects no script into the throttled page (its
 * injected script costs ~100 ms of the main thread while the app starts). Call before navigating.
 */
export function loggedUsable(page: Page): Promise<number> {
  return new Promise<number>((resolve) =>
    page.on('console', (m) => {
      if (m.text().startsWith('mobiliza-bench:usable')) resolve(Number(m.text().split(' ')[1]));
    }),
  );
}
