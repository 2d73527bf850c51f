// npm run bench:scale [-- --municipalities 853 --months 2 --total 36 --burst 100 --stores pglite,postgres]
//
// The whole state for years, on this machine: generates `--months` months of the whole state (853
// municipalities, ~9 actions and ~16 photos of small synthetic bytes per report) through the real
// write path — the HTTP API for a sample, the store's own functions for the reports and reviews
// (photo rows by one multi-row INSERT per report, as PhotoStore.put writes them), checked equal to
// the API-written rows — then copies those months by SQL into earlier months, doubling each time,
// up to `--total` months (36 by default: 30,708 reports; stated as such in the results). The copies
// go through the same triggers as any write, so the Painel's rollup follows. Then it measures on
// each store: the Painel for 1, 12 and 36 months, other requests while a Painel or an export runs
// (`GET /healthz`: the event loop; `GET /me`: a query), the CSV export (first byte, RSS), a
// GET /reports page, GET /photos p50/p99 and an end-of-month burst. PostgreSQL needs DATABASE_URL
// (a throw-away schema).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { User } from '../../src/domain/api.ts';
import { allMunicipalities, type Municipality } from '../../src/domain/municipality.ts';
import { validateSubmission, type ReportSubmission } from '../../src/domain/report.ts';
import { ACTION_TYPES, AUDIENCES, THEMES } from '../../src/domain/vocabulary.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { quantile } from './bench-util.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : (process.env[`SCALE_${name.toUpperCase()}`] ?? fallback);
};
const MUNICIPALITIES = Number(arg('municipalities', '853'));
const MONTHS = Number(arg('months', '2'));
const TOTAL = Math.max(MONTHS, Number(arg('total', '36')));
const BURST_AGENTS = Number(arg('burst', '100'));
const STORES = arg('stores', process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',');
const NOW = new Date();

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const jpeg = (size: number) => {
  const b = Buffer.alloc(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  randomBytes(size - 4).copy(b, 4);
  return b;
};
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const round = (x: number) => Math.round(x * 10) / 10;

/** The last `MONTHS` months before the current one, oldest first ("2025-12" … "2026-11"). */
function periods(n: number, back = 0): string[] {
  const out: string[] = [];
  for (let i = n + back; i > back; i--) {
    const d = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

const types = ACTION_TYPES.map((o) => o.value).filter((v) => v !== 'outro');
const themes = THEMES.map((o) => o.value).filter((v) => v !== 'outro');
const audiences = AUDIENCES.map((o) => o.value).filter((v) => v !== 'outro');

/** A report like the real ones: 7–11 actions (9 on average), 1–2 photos each (~1.8). */
function buildReport(m: Municipality, period: string, seed: number, photoOf: (k: number) => string): ReportSubmission {
  const n = 7 + (seed % 5);
  let k = 0;
  return {
    id: crypto.randomUUID(), revision: 1, schemaVersion: 1, municipalityCode: m.code, period,
    responsible: { name: 'Ana Souza', role: 'Referência técnica', phone: '(31) 99999-0000', email: 'ana@example.org' },
    actions: Array.from({ length: n }, (_, i) => {
      const photos = 1 + ((i + seed) % 5 < 4 ? 1 : 0);
      return {
        id: crypto.randomUUID(), number: i + 1, date: `${period}-${String(1 + ((i * 3) % 27)).padStart(2, '0')}`,
        title: `Ação ${i + 1} de mobilização`, type: types[(seed + i) % types.length],
        themes: [themes[(seed + i) % themes.length], themes[(seed + 3 * i + 1) % themes.length]].filter((t, j, a) => a.indexOf(t) === j),
        place: { description: 'Escola Estadual Professor Morais', zone: 'urbana' }, audience: [audiences[(seed + i) % audiences.length]],
        participants: 10 + ((seed * 7 + i * 13) % 190), partners: [{ name: 'Secretaria Municipal de Educação', sector: 'educacao' }],
        description: 'Palestra sobre eliminação de criadouros do mosquito com a comunidade escolar, seguida de visita às casas do entorno. '.repeat(2),
        photos: Array.from({ length: photos }, (_, p) => ({
          sha256: photoOf(k++), number: p + 1, mimeType: 'image/jpeg', byteSize: 185_000, width: 1600, height: 1200,
        })),
      };
    }),
    submittedAt: `${period}-28T12:00:00.000Z`,
  } as unknown as ReportSubmission;
}

/** What the route stores: the submission as the shared schema parses it (trimmed, checked). */
function parsed(s: ReportSubmission): ReportSubmission {
  const r = validateSubmission(s, new Date());
  if (!r.success) throw new Error(`invalid generated report: ${JSON.stringify(r.issues)}`);
  return r.data;
}

async function tokenFor(store: SqlStore, user: User) {
  const token = newDeviceToken();
  await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000), now: new Date() });
  return { authorization: `Bearer ${token}` };
}

interface Env {
  server: RunningServer;
  central: Record<string, string>;
  regionalBh: Record<string, string>;
  dispose(): Promise<void>;
}

async function open(kind: string): Promise<Env> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'mobiliza-scale-'));
    const server = await startServer({ dataDir: dir, port: 0, limits: { scryptLog2N: 10 } });
    return { server, central: {}, regionalBh: {}, dispose: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `scale_${randomBytes(4).toString('hex')}`;
  const url = process.env.DATABASE_URL as string;
  const server = await startServer({ databaseUrl: url, databaseSchema: schema, port: 0, limits: { scryptLog2N: 10 } });
  return {
    server, central: {}, regionalBh: {},
    dispose: async () => {
      await server.close();
      if (process.env.SCALE_KEEP) return console.log(`kept schema ${schema} (SCALE_KEEP)`);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Sample through the API, bulk through the store; returns counts and timings. */
async function generate(env: Env, kind: string) {
  const { server } = env;
  const store = server.store;
  const muni = allMunicipalities().slice(0, MUNICIPALITIES);
  const months = periods(MONTHS);
  const central = await store.accounts.createUser({ login: 'central', name: 'Central', role: 'central', passwordHash: 'x' }, NOW);
  env.central = await tokenFor(store, central);
  const urs = await store.accounts.createUser({ login: 'urs', name: 'URS', role: 'regional', regional: muni[0].regional, passwordHash: 'x' }, NOW);
  env.regionalBh = await tokenFor(store, urs);
  const agents = new Map<string, User>();
  for (const m of muni) {
    agents.set(m.code, await store.accounts.createUser({ login: `ag${m.code}`, name: `Agente ${m.name}`, role: 'agent', municipalityCode: m.code, passwordHash: 'x' }, NOW));
  }

  // 1. The API sample: a few reports sent as a phone does, each with a store-written twin from
  // another municipality of the same unit (one report per municipality and month), in the months
  // before the measured history so they stay out of its figures.
  const t0 = performance.now();
  const sampleAgent = agents.get(muni[0].code) as User;
  const twinTown = allMunicipalities().find((m) => m.regional === muni[0].regional && m.code !== muni[0].code) as Municipality;
  const twinAgent = agents.get(twinTown.code) ?? await store.accounts.createUser({ login: `ag${twinTown.code}`, name: 'Agente', role: 'agent', municipalityCode: twinTown.code, passwordHash: 'x' }, NOW);
  const sampleAuth = await tokenFor(store, sampleAgent);
  const before = periods(3, TOTAL);
  const twins: [string, string][] = [];
  for (let i = 0; i < 3; i++) {
    const bytes = Array.from({ length: 22 }, () => jpeg(256));
    const shas = bytes.map(sha);
    for (let k = 0; k < bytes.length; k++) {
      const res = await fetch(`${server.url}/api/v1/photos/${shas[k]}`, { method: 'PUT', headers: { ...sampleAuth, 'content-type': 'image/jpeg' }, body: bytes[k] });
      if (res.status !== 201) throw new Error(`sample photo: ${res.status} ${await res.text()}`);
    }
    const s = buildReport(muni[0], before[i], i, (k) => shas[k]);
    const res = await fetch(`${server.url}/api/v1/reports/${s.id}`, { method: 'PUT', headers: { ...sampleAuth, 'content-type': 'application/json' }, body: JSON.stringify(s) });
    if (res.status !== 201) throw new Error(`sample report: ${res.status} ${await res.text()}`);
    const twin = parsed({ ...structuredClone(s), id: crypto.randomUUID(), municipalityCode: twinTown.code });
    const out = await store.reports.put(twin, twinAgent, new Date());
    if (out.outcome !== 'created') throw new Error(`twin: ${out.outcome}`);
    twins.push([s.id, twin.id]);
  }
  // Equal rows: report state, stored submission (but its id), and every fact (but the report id),
  // the municipality code aside.
  for (const [api, bulk] of twins) {
    const row = async (id: string) => JSON.stringify((await store.driver.query(
      `SELECT r.municipality_code, r.period, r.revision, r.status, r.action_count, r.photo_count, v.submission - 'id' AS submission,
         (SELECT json_agg(f ORDER BY f.action_number) FROM (SELECT action_number, revision, period, municipality_code, regional, status,
            type, themes, audience, participants FROM action_facts WHERE report_id = r.id) f) AS facts,
         (SELECT count(*) FROM report_photos WHERE report_id = r.id) AS photos
       FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = $1`, [id])).rows[0]);
    const a = (await row(api)).replaceAll(muni[0].code, 'IBGE');
    const b = (await row(bulk)).replaceAll(twinTown.code, 'IBGE');
    if (a !== b || !a.includes('IBGE')) throw new Error(`store-written rows differ from API-written rows:\n${a}\n${b}`);
  }
  const sampleMs = ms(t0);

  // 2. The bulk: photos and reports through the store's functions; some reviewed.
  const t1 = performance.now();
  let reports = 0;
  let photos = 0;
  let actions = 0;
  const jobs: (() => Promise<void>)[] = [];
  muni.forEach((m, mi) => months.forEach((period, pi) => jobs.push(async () => {
    const agent = agents.get(m.code) as User;
    const seed = mi * 31 + pi;
    const s = buildReport(m, period, seed, () => '');
    // The photos the report references (unique bytes → unique sha256): the rows PhotoStore.put
    // writes (photos, photo_uploads), for the whole report in one statement each.
    const shas: string[] = [];
    const hex: string[] = [];
    for (const a of s.actions) for (const p of a.photos) {
      const bytes = jpeg(128);
      p.sha256 = sha(bytes);
      shas.push(p.sha256);
      hex.push(bytes.toString('hex'));
    }
    await store.driver.transaction(async (tx) => {
      await tx.query(`INSERT INTO photos (sha256, mime_type, byte_size, bytes, created_at)
        SELECT sha, 'image/jpeg', 128, decode(h, 'hex'), $3 FROM unnest($1::text[], $2::text[]) AS x (sha, h)`, [shas, hex, NOW]);
      await tx.query('INSERT INTO photo_uploads (sha256, user_id, uploaded_at) SELECT unnest($1::text[]), $2, $3', [shas, agent.id, NOW]);
    });
    photos += shas.length;
    const out = await store.reports.put(parsed(s), agent, NOW);
    if (out.outcome !== 'created') throw new Error(`bulk report: ${out.outcome}`);
    reports++;
    actions += s.actions.length;
    const fate = seed % 10; // 0–5 approved, 6 consolidated, 7 returned, 8–9 waiting
    if (fate <= 6) await store.reviews.add({ reportId: s.id, user: { ...central }, decision: 'approve', now: NOW });
    if (fate === 6) await store.reviews.add({ reportId: s.id, user: { ...central }, decision: 'consolidate', now: NOW });
    if (fate === 7) await store.reviews.add({ reportId: s.id, user: { ...central }, decision: 'return', comment: 'Corrigir a ação 2.', now: NOW });
    if (reports % 1000 === 0) console.log(`  [${kind}] ${reports} reports, ${photos} photos, ${Math.round((performance.now() - t1) / 1000)} s`);
  })));
  const workers = kind === 'postgres' ? 8 : 1;
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < jobs.length) await jobs[next++]();
  }));
  const bulkMs = ms(t1);

  // 3. Earlier months: the generated months copied by SQL (same rows, new ids, periods shifted),
  // doubling the history each time until it spans TOTAL months.
  const t2 = performance.now();
  const all = periods(TOTAL);
  let copies = 0;
  for (let have = MONTHS; have < TOTAL; copies++) {
    const n = Math.min(have, TOTAL - have);
    // Source: the oldest n months held; target: the n months before them.
    const from = all[TOTAL - have];
    const to = all[TOTAL - have + n - 1];
    await store.driver.transaction(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE copy_map ON COMMIT DROP AS
        SELECT id AS old_id, gen_random_uuid() AS new_id,
          to_char(to_date(period, 'YYYY-MM') - interval '${n} months', 'YYYY-MM') AS new_period
        FROM reports WHERE period BETWEEN '${from}' AND '${to}' AND duplicate_of IS NULL`);
      await tx.exec(`
        INSERT INTO reports (id, municipality_code, period, protocol, revision, status, action_count, photo_count, received_at, first_received_at, updated_at)
          SELECT m.new_id, r.municipality_code, m.new_period, r.protocol || '-c${copies}', r.revision, r.status, r.action_count, r.photo_count,
            r.received_at - interval '${n} months', r.first_received_at - interval '${n} months', r.updated_at
          FROM reports r JOIN copy_map m ON m.old_id = r.id;
        INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by)
          SELECT m.new_id, v.revision, jsonb_set(jsonb_set(v.submission, '{id}', to_jsonb(m.new_id::text)), '{period}', to_jsonb(m.new_period)),
            v.content_hash, v.received_at - interval '${n} months', v.submitted_by
          FROM report_revisions v JOIN copy_map m ON m.old_id = v.report_id;
        INSERT INTO report_photos (report_id, sha256) SELECT m.new_id, p.sha256 FROM report_photos p JOIN copy_map m ON m.old_id = p.report_id;
        INSERT INTO action_facts (report_id, action_number, revision, period, municipality_code, regional, status, type, themes, audience, participants)
          SELECT m.new_id, f.action_number, f.revision, m.new_period, f.municipality_code, f.regional, f.status, f.type, f.themes, f.audience, f.participants
          FROM action_facts f JOIN copy_map m ON m.old_id = f.report_id;`);
    });
    have += n;
    console.log(`  [${kind}] copied ${n} months → ${have} months, ${Math.round((performance.now() - t2) / 1000)} s`);
  }
  await store.driver.exec('ANALYZE');
  const copyMs = ms(t2);
  const count = async (t: string) => (await store.driver.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n;
  return {
    generated: { reports, actions, photos, sampleViaApi: twins.length, sampleMs, bulkMs, perReportMs: round(bulkMs / Math.max(1, reports)) },
    copies, copyMs,
    totals: { reports: await count('reports'), actionFacts: await count('action_facts'), photos: await count('photos'), reportPhotos: await count('report_photos') },
  };
}

/**
 * Other requests while `work` runs, each probed every 10 ms: `GET /healthz` (no database: how long
 * the event loop is held, which PGlite's in-process engine does while a query runs) and `GET /me`
 * (a session lookup: how long a small query waits for the database).
 */
async function othersDuring<T>(env: Env, work: () => Promise<T>) {
  let running = true;
  const probe = async (path: string, headers: Record<string, string>) => {
    const lat: number[] = [];
    while (running) {
      const t = performance.now();
      await (await fetch(`${env.server.url}${path}`, { headers })).arrayBuffer();
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
    return lat;
  };
  const probes = Promise.all([probe('/healthz', {}), probe('/api/v1/me', env.central)]);
  const t = performance.now();
  const result = await work();
  const workMs = ms(t);
  running = false;
  const [health, me] = await probes;
  return {
    result, workMs,
    healthzMaxMs: round(Math.max(...health)), healthzP99Ms: round(quantile(health, 0.99)),
    othersMaxMs: round(Math.max(...me)), othersP99Ms: round(quantile(me, 0.99)), othersN: me.length,
  };
}

async function measure(env: Env) {
  const url = env.server.url;
  const get = async (path: string, headers = env.central) => {
    const t = performance.now();
    // One retry: after the long SQL copy on PGlite (the event loop held), the client may reuse a
    // keep-alive socket the server has just closed (ECONNRESET), which says nothing about the server.
    const res = await fetch(`${url}${path}`, { headers }).catch(() => fetch(`${url}${path}`, { headers }));
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
    return { ms: performance.now() - t, bytes: body.byteLength };
  };
  const months = periods(MONTHS);
  const last = months[months.length - 1];
  const span = (n: number) => periods(n).at(0) as string;
  const panel: Record<string, unknown> = {};
  for (const n of [1, 12, 36]) {
    const q = `/api/v1/panel?from=${span(n)}&to=${last}`;
    await get(q);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await get(q)).ms);
    const during = await othersDuring(env, () => get(q));
    panel[`${n} months`] = { medianMs: round(quantile(runs, 0.5)), maxMs: round(Math.max(...runs)), whileRunningMs: during.workMs,
      meWhileRunningMaxMs: during.othersMaxMs, meP99Ms: during.othersP99Ms, healthzWhileRunningMaxMs: during.healthzMaxMs };
  }
  // CSV of 12 months and of 36 months: first byte, total, size, RSS growth of this process (server + client).
  const csv: Record<string, unknown> = {};
  for (const n of [12, 36]) {
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const during = await othersDuring(env, async () => {
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/exports/actions.csv?from=${span(n)}&to=${last}`, { headers: env.central });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let first = 0;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!bytes) first = performance.now() - t;
        bytes += value.length;
      }
      return { firstByteMs: round(first), mb: round(bytes / 1e6) };
    });
    clearInterval(sampler);
    csv[`${n} months`] = { ...during.result, totalMs: during.workMs, rssGrowthMb: round((peak - rss0) / 1e6),
      meWhileRunningMaxMs: during.othersMaxMs, meP99Ms: during.othersP99Ms, healthzWhileRunningMaxMs: during.healthzMaxMs, healthzP99Ms: during.healthzP99Ms };
  }
  // GET /reports: a default page (100) with no filter, and the next one.
  const pageRuns: number[] = [];
  let pageBytes = 0;
  for (let i = 0; i < 5; i++) {
    const r = await get('/api/v1/reports');
    pageRuns.push(r.ms);
    pageBytes = r.bytes;
  }
  // GET /photos as the first municipality's unit: 200 photos of its reports.
  const { rows } = await env.server.store.driver.query<{ sha256: string }>(
    `SELECT rp.sha256 FROM report_photos rp JOIN reports r ON r.id = rp.report_id
     WHERE r.municipality_code = ANY($1::text[]) ORDER BY md5(rp.sha256) LIMIT 200`,
    [allMunicipalities().filter((m) => m.regional === allMunicipalities()[0].regional).map((m) => m.code)]);
  const photoLat: number[] = [];
  for (const r of rows) photoLat.push((await get(`/api/v1/photos/${r.sha256}`, env.regionalBh)).ms);
  return {
    panel, csv,
    reportsPage: { medianMs: round(quantile(pageRuns, 0.5)), kb: round(pageBytes / 1024) },
    photos: { n: photoLat.length, p50Ms: round(quantile(photoLat, 0.5)), p99Ms: round(quantile(photoLat, 0.99)) },
  };
}

/** End of month: BURST_AGENTS agents × 10 photos (~185 KB) + 1 report, 50 agents at a time, over HTTP. */
async function burst(env: Env) {
  const store = env.server.store;
  const muni = allMunicipalities().slice(0, BURST_AGENTS);
  const period = periods(1, -1)[0]; // the current month
  const auths: { m: Municipality; auth: Record<string, string> }[] = [];
  for (const m of muni) {
    const u = await store.accounts.createUser({ login: `burst${m.code}`, name: 'Agente', role: 'agent', municipalityCode: m.code, passwordHash: 'x' }, NOW);
    auths.push({ m, auth: await tokenFor(store, u) });
  }
  let errors = 0;
  const statuses: Record<number, number> = {};
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < auths.length) {
      const { m, auth } = auths[next++];
      const bytes = Array.from({ length: 10 }, () => jpeg(185_000));
      const shas = bytes.map(sha);
      for (let k = 0; k < 10; k++) {
        const res = await fetch(`${env.server.url}/api/v1/photos/${shas[k]}`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/jpeg' }, body: bytes[k] });
        if (res.status !== 201) errors++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        await res.arrayBuffer();
      }
      const s = buildReport(m, period, 1, (k) => shas[k % 10]);
      s.actions = s.actions.slice(0, 5);
      s.actions.forEach((a, i) => { a.date = `${period}-01`; a.photos = [0, 1].map((p) => ({ ...a.photos[0], number: p + 1, sha256: shas[(2 * i + p) % 10] })); });
      const res = await fetch(`${env.server.url}/api/v1/reports/${s.id}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(s) });
      if (res.status !== 201) errors++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      await res.arrayBuffer();
    }
  }));
  return { agents: auths.length, photos: auths.length * 10, reports: auths.length, seconds: round((performance.now() - t) / 1000), errors, statuses };
}

const results: Record<string, unknown> = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg().map(round), node: process.version },
  scale: { municipalities: MUNICIPALITIES, monthsGenerated: MONTHS, monthsTotal: TOTAL, burstAgents: BURST_AGENTS },
};
for (const kind of STORES) {
  console.log(`== ${kind}: generating ${MUNICIPALITIES} × ${MONTHS} reports`);
  const env = await open(kind);
  try {
    const generation = await generate(env, kind);
    console.log(JSON.stringify(generation));
    const figures = await measure(env);
    console.log(JSON.stringify(figures));
    const end = await burst(env);
    console.log(JSON.stringify(end));
    results[kind] = { generation, ...figures, burst: end, loadAverageAfter: loadavg().map(round) };
  } finally {
    await env.dispose();
  }
}
console.log(JSON.stringify(results, null, 2));
process.exit(0);
