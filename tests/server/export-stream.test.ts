// The CSV export streams: a download of ~95 MB of CSV (the old code built every row object and the
// whole string: RSS +616 MB for this data on PostgreSQL) keeps the server RSS growth under a small bound,
// and the first byte comes before the database has been read to the end.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { validSubmission } from '../helpers/fixtures.ts';
import { DRIVERS, NOW, openTestStore } from './helpers.ts';

const REPORTS = 4500;
const ACTIONS = 9;
/**
 * RSS may grow by at most this much while the whole file is downloaded (the old code: +616 MB).
 * Measured in this same process, client included, with one chunk per report and a 64 KB reply
 * buffer (the reply's queue stays under 0.1 MB; before, one 4.2 MB chunk per page): PGlite +0–7 MB,
 * PostgreSQL +34–43 MB on a quiet box (+21–106 MB under load with the old 4.2 MB chunks). What
 * remains is V8 garbage collected lazily (JSON.parse of each page), not data kept.
 */
const BOUND_MB = 80;

describe.each(DRIVERS)('streaming CSV export on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let url: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(kind));
    const user = await store.accounts.createUser({ login: 'central', name: 'Central', role: 'central', passwordHash: 'x' }, NOW);
    const token = newDeviceToken();
    await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
    auth = { authorization: `Bearer ${token}` };
    const s = validSubmission(ACTIONS, '2026-01');
    for (const a of s.actions) a.description = 'Descrição longa da ação; com "aspas" e acentuação. '.repeat(36);
    // Bulk rows straight in SQL (the write path is tested elsewhere): 120 months × 853 municipalities' worth of codes.
    await store.driver.exec(`
      INSERT INTO reports (id, municipality_code, period, protocol, revision, status, action_count, photo_count, received_at, first_received_at, updated_at)
      SELECT gen_random_uuid(), (3100000 + i % 853)::text,
        to_char(date '2017-01-01' + ((i % 120) || ' months')::interval, 'YYYY-MM'), 'MG-' || i, 1, 'received', ${ACTIONS}, ${ACTIONS},
        now(), now() + (i || ' ms')::interval, now()
      FROM generate_series(1, ${REPORTS}) i;
      INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by)
      SELECT id, 1, '${JSON.stringify(s).replace(/'/g, "''")}'::jsonb, 'h', now(), '${user.id}' FROM reports;`);
    app = await buildApp({ store, now: () => NOW });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

  it(`downloads ${REPORTS * ACTIONS} rows over 120 months with flat memory`, async () => {
    const target = `${url}/api/v1/exports/actions.csv?from=2017-01&to=2026-12`;
    // Warm-up: JIT, buffers, the first cursor.
    await (await fetch(`${url}/api/v1/exports/actions.csv?from=2017-01&to=2017-02`, { headers: auth })).arrayBuffer();
    (globalThis as { gc?: () => void }).gc?.();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, rssMb()); }, 10);
    const started = performance.now();
    const res = await fetch(target, { headers: auth });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    let lines = 0;
    let firstByteMs = 0;
    let tail: Uint8Array = new Uint8Array(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!bytes) firstByteMs = performance.now() - started;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
      tail = value;
      peak = Math.max(peak, rssMb());
    }
    clearInterval(sampler);
    const growth = peak - before;
    console.log(`[${kind}] CSV ${(bytes / 1e6).toFixed(1)} MB, ${lines} lines, first byte ${firstByteMs.toFixed(0)} ms, ` +
      `total ${(performance.now() - started).toFixed(0)} ms, RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${growth.toFixed(1)} MB)`);
    expect(lines).toBe(REPORTS * ACTIONS + 1);
    expect(bytes).toBeGreaterThan(80e6);
    expect(new TextDecoder().decode(tail).endsWith('\r\n')).toBe(true);
    expect(growth).toBeLessThan(BOUND_MB);
  }, 300_000);
});
