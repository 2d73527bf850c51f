import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../server/auth/password.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { allMunicipalities } from '../../src/domain/municipality';
import { periodOfDate, shiftPeriod } from '../../src/domain/period';

// Endpoint throughput on this machine: photo PUTs (distinct ~200 KB bodies) and report PUTs
// (distinct ids, valid bodies, photos already stored), on PGlite and, with DATABASE_URL, PostgreSQL.
// Load comes from this same process over 127.0.0.1, a bounded number of requests with a time cap.

const PHOTO_REQUESTS = Number(process.env.BENCH_PHOTOS ?? 400);
const REPORT_REQUESTS = Number(process.env.BENCH_REPORTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TIME_CAP_MS = 30_000;

interface Result {
  store: string;
  test: string;
  requests: number;
  ok: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  mbPerSecond?: number;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function jpeg(size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set(randomBytes(size - 4), 4);
  return b;
}

/** One report per municipality and month (#12): each new report gets its own (agent, month) slot. */
interface Slot { municipalityCode: string; period: string; auth: Record<string, string> }

function report(id: string, photos: string[], slot: Pick<Slot, 'municipalityCode' | 'period'>) {
  const { municipalityCode, period } = slot;
  return {
    id, revision: 1, schemaVersion: 1, municipalityCode, period,
    responsible: { name: 'Ana Souza', role: 'Referência técnica', phone: '(31) 99999-0000', email: 'ana@example.org' },
    actions: photos.map((p, i) => ({
      id: crypto.randomUUID(), number: i + 1, date: `${period}-1${i}`, title: `Ação ${i + 1}`, type: 'palestra',
      themes: ['arboviroses'], place: { description: 'Escola Estadual', zone: 'urbana' }, audience: ['populacao_geral'],
      participants: 40, partners: [{ name: 'Secretaria de Educação', sector: 'educacao' }],
      description: 'Palestra sobre eliminação de criadouros do mosquito com a comunidade escolar.',
      photos: [{ sha256: p, number: 1, mimeType: 'image/jpeg', byteSize: 200_000, width: 1600, height: 1200 }],
    })),
    submittedAt: `${period}-20T12:00:00.000Z`,
  };
}

/** Runs `jobs` with `concurrency` workers; stops early at the time cap. */
async function run(jobs: (() => Promise<Response>)[], expected: number[]) {
  const latencies: number[] = [];
  let ok = 0;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < jobs.length && performance.now() - start < TIME_CAP_MS) {
      const job = jobs[next++];
      const t = performance.now();
      const res = await job();
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (expected.includes(res.status)) ok++;
      else if (ok < 3) console.error('unexpected', res.status);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? +latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1) : NaN);
  return { requests: latencies.length, ok, seconds: +seconds.toFixed(2), perSecond: +(latencies.length / seconds).toFixed(0), p50ms: pct(0.5), p99ms: pct(0.99) };
}

async function bench(name: string, server: RunningServer): Promise<Result[]> {
  const user = await server.store.accounts.createUser({ login: `bench-${Date.now()}`, name: 'Bench', role: 'agent', municipalityCode: '3106200', passwordHash: await hashPassword('bench-password', 10) }, new Date());
  const token = newDeviceToken();
  await server.store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000), now: new Date() });
  const auth = { authorization: `Bearer ${token}` };
  const putPhoto = (b: Uint8Array<ArrayBuffer>) => () => fetch(`${server.url}/api/v1/photos/${sha(b)}`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/jpeg' }, body: b });
  const putReport = (body: ReturnType<typeof report>, slot: Slot) => () =>
    fetch(`${server.url}/api/v1/reports/${body.id}`, { method: 'PUT', headers: { ...slot.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // an agent per municipality, and past months, so that every new report has a slot of its own
  const towns = allMunicipalities();
  const months = Math.ceil((REPORT_REQUESTS + 50) / towns.length);
  const slots: Slot[] = [];
  const hash = await hashPassword('bench-password', 10);
  for (const [k, town] of towns.entries()) {
    const agent = await server.store.accounts.createUser({ login: `bench-${Date.now()}-${k}`, name: 'Bench', role: 'agent', municipalityCode: town.code, passwordHash: hash }, new Date());
    const t = newDeviceToken();
    await server.store.accounts.createSession({ userId: agent.id, tokenHash: hashToken(t), expiresAt: new Date(Date.now() + 86_400_000), now: new Date() });
    for (let mo = 1; mo <= months; mo++) slots.push({ municipalityCode: town.code, period: shiftPeriod(periodOfDate(new Date()), -mo), auth: { authorization: `Bearer ${t}` } });
  }
  let nextSlot = 0;
  const newReport = (shas: string[]) => {
    const slot = slots[nextSlot++];
    return putReport(report(crypto.randomUUID(), shas, slot), slot);
  };

  // Warm-up, and the photos the reports reference.
  const stored = Array.from({ length: 4 }, () => jpeg(200_000));
  await run([...stored, ...Array.from({ length: 20 }, () => jpeg(200_000))].map(putPhoto), [201]);
  await run(Array.from({ length: 50 }, () => newReport(stored.slice(0, 2).map(sha))), [201]);

  const photos = Array.from({ length: PHOTO_REQUESTS }, () => jpeg(200_000));
  const p = await run(photos.map(putPhoto), [201]);
  const reports = Array.from({ length: REPORT_REQUESTS }, (_, i) => {
    const slot = slots[nextSlot++];
    return { body: report(crypto.randomUUID(), [sha(stored[i % 4]), sha(stored[(i + 1) % 4])], slot), slot };
  });
  const r = await run(reports.map((x) => putReport(x.body, x.slot)), [201]);
  const again = await run(reports.slice(0, Math.min(1000, r.ok)).map((x) => putReport(x.body, x.slot)), [200]);
  return [
    { store: name, test: 'photo PUT (200 KB, new)', ...p, mbPerSecond: +((p.requests * 200_000) / 1e6 / p.seconds).toFixed(1) },
    { store: name, test: 'report PUT (2 actions, new)', ...r },
    { store: name, test: 'report PUT (repeat → 200)', ...again },
  ];
}

const results: Result[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'mobiliza-bench-'));
try {
  const lite = await startServer({ port: 0, dataDir: join(tmp, 'data'), logger: false });
  try {
    results.push(...(await bench('PGlite', lite)));
  } finally {
    await lite.close();
  }
  if (process.env.DATABASE_URL) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const server = await startServer({ port: 0, databaseUrl: process.env.DATABASE_URL, databaseSchema: schema, logger: false });
    try {
      results.push(...(await bench('PostgreSQL', server)));
    } finally {
      await server.close();
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
  } else {
    console.log('(DATABASE_URL not set: PostgreSQL skipped)');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`\nEndpoint benchmark — ${cpus().length} cores, ${CONCURRENCY} concurrent requests, Node ${process.version}`);
console.table(results.map((r) => ({ store: r.store, test: r.test, 'req/s': r.perSecond, ok: `${r.ok}/${r.requests}`, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'MB/s': r.mbPerSecond ?? '' })));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/endpoint.json', JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, concurrency: CONCURRENCY, node: process.version, results }, null, 2));
console.log('written to bench-results/endpoint.json');
