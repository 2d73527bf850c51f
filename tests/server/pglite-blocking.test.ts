// PGlite runs queries on the server's own thread: while a Painel or a CSV export of years runs,
// another request (GET /healthz, no database) must not wait more than 100 ms (issue #11's goal).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelResponse } from '../../src/domain/api.ts';
import { buildApp } from '../../server/app.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { rebuildActionFacts } from '../../server/store/action-facts.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { validSubmission } from '../helpers/fixtures.ts';
import { fillFullStateRollup } from './full-state-rollup.ts';
import { NOW, openTestStore } from './helpers.ts';

const REPORTS = 3000;
/** The goal; measured 10–40 ms on a quiet 2-core box (one page of 25 reports, one rollup chunk). */
const BLOCK_MS = 100;

interface Served {
  store: SqlStore;
  url: string;
  auth: Record<string, string>;
  close(): Promise<void>;
}

/** A PGlite store filled by `fill`, served over HTTP with a central user's token. */
async function serve(fill: (store: SqlStore, userId: string) => Promise<void>): Promise<Served> {
  const { store, dispose } = await openTestStore('pglite');
  const user = await store.accounts.createUser({ login: 'central', name: 'Central', role: 'central', passwordHash: 'x' }, NOW);
  const token = newDeviceToken();
  await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
  await fill(store, user.id);
  const app: FastifyInstance = await buildApp({ store, now: () => NOW });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { store, url, auth: { authorization: `Bearer ${token}` }, close: async () => { await app.close(); await dispose(); } };
}

/** The longest wait of GET /healthz, probed every 5 ms while `work` runs. */
async function longestWait(url: string, work: () => Promise<void>): Promise<{ maxMs: number; n: number }> {
  let running = true;
  const lat: number[] = [];
  const probe = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await new Promise((r) => setTimeout(r, 20));
  await work();
  running = false;
  await probe;
  return { maxMs: Math.max(...lat), n: lat.length };
}

/**
 * GET `path` (after one warm-up) while /healthz is probed: the body and the probe's longest wait, of
 * the best of up to 3 tries. A query that holds the thread too long does so on every try; a box
 * shared by several test runs also deschedules the process now and then, which one try absorbs.
 */
async function underProbe(s: Served, path: string): Promise<{ body: ArrayBuffer; ms: number; maxMs: number; n: number; tries: number }> {
  await (await fetch(`${s.url}${path}`, { headers: s.auth })).arrayBuffer(); // warm-up
  let best: { body: ArrayBuffer; ms: number; maxMs: number; n: number } | undefined;
  let tries = 0;
  while (tries < 3 && !(best && best.maxMs < BLOCK_MS)) {
    tries++;
    let body = new ArrayBuffer(0);
    let ms = 0;
    const wait = await longestWait(s.url, async () => {
      const t = performance.now();
      const res = await fetch(`${s.url}${path}`, { headers: s.auth });
      expect(res.status).toBe(200);
      body = await res.arrayBuffer();
      ms = performance.now() - t;
    });
    if (!best || wait.maxMs < best.maxMs) best = { body, ms, ...wait };
  }
  return { ...(best as NonNullable<typeof best>), tries };
}

describe('PGlite: other requests while a Painel or an export of 120 months runs', () => {
  let s: Served;

  beforeAll(async () => {
    s = await serve(async (store, userId) => {
      const sub = validSubmission(9, '2026-01');
      await store.driver.exec(`
        INSERT INTO reports (id, municipality_code, period, protocol, revision, status, action_count, photo_count, received_at, first_received_at, updated_at)
        SELECT gen_random_uuid(), (3100000 + i % 853)::text, to_char(date '2016-12-01' + ((i % 120) || ' months')::interval, 'YYYY-MM'),
          'MG-' || i, 1, 'received', 9, 9, now(), now() + (i || ' ms')::interval, now()
        FROM generate_series(1, ${REPORTS}) i;
        INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by)
        SELECT id, 1, '${JSON.stringify(sub).replace(/'/g, "''")}'::jsonb, 'h', now(), '${userId}' FROM reports;
        ANALYZE;`);
      await store.driver.transaction((tx) => rebuildActionFacts(tx));
    });
  }, 300_000);

  afterAll(async () => {
    await s?.close();
  });

  it.each([
    ['Painel, 120 months', '/api/v1/panel?from=2016-12&to=2026-11'],
    ['CSV export, 120 months', '/api/v1/exports/actions.csv?from=2016-12&to=2026-11'],
  ])('%s: GET /healthz never waits more than 100 ms', async (name, path) => {
    const { body, maxMs, n, tries } = await underProbe(s, path);
    console.log(`[pglite] ${name}: ${(body.byteLength / 1e6).toFixed(1)} MB, /healthz max ${maxMs.toFixed(0)} ms over ${n} probes (try ${tries})`);
    expect(n).toBeGreaterThan(3); // the probe really ran during the work
    expect(maxMs).toBeLessThan(BLOCK_MS);
  }, 120_000);
});

describe('PGlite: other requests while a whole-state Painel of 36 months runs (full-state rollup)', () => {
  let s: Served;
  let rows: { towns: number; keys: number };

  beforeAll(async () => {
    s = await serve(async (store) => {
      rows = await fillFullStateRollup(store.driver, { last: '2026-11', months: 36 });
      await store.driver.exec('ANALYZE panel_town_month; ANALYZE panel_key_month');
    });
  }, 300_000);

  afterAll(async () => {
    await s?.close();
  });

  it('GET /healthz never waits more than 100 ms', async () => {
    expect(rows).toEqual({ towns: 853 * 36, keys: 36 * 28 * 3 * (13 + 29) });
    const { body, ms, maxMs, n, tries } = await underProbe(s, '/api/v1/panel?from=2023-12&to=2026-11');
    const panel = JSON.parse(Buffer.from(body).toString()) as PanelResponse;
    console.log(`[pglite] Painel, 36 months × 853 municipalities: ${ms.toFixed(0)} ms, /healthz max ${maxMs.toFixed(0)} ms over ${n} probes (try ${tries})`);
    // The Painel really read the whole rollup: every town reported, every month counted.
    expect(panel.totals.municipalitiesReporting).toBe(853);
    expect(panel.byMonth).toHaveLength(36);
    expect(panel.byMonth.every((m) => m.reports === 853)).toBe(true);
    expect(maxMs).toBeLessThan(BLOCK_MS);
    expect(n).toBeGreaterThan(3); // the probe really ran during the work
  }, 120_000);
});
