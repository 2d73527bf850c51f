// PGlite has no autovacuum: the store gathers statistics itself, and the photo access check must
// start from the sha256 even before it does (a plan over 30,000 reports without ANALYZE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoAccessSql } from '../../server/store/photo-access.ts';
import { keepStatistics } from '../../server/store/statistics.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { Driver } from '../../server/store/driver.ts';

const USER = '00000000-0000-0000-0000-000000000001';
const sha = (i: number) => i.toString(16).padStart(64, '0');

describe('PGlite statistics and the photo access plan', () => {
  let d: Driver;
  let analyzedAtOpen = 0;
  beforeAll(async () => {
    const store = await openStore({ memory: true });
    d = store.driver;
    analyzedAtOpen = (await d.query<{ n: number }>(`SELECT count(*) AS n FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL`)).rows[0].n;
    await d.exec(`
      INSERT INTO users (id, login, name, role, municipality_code, password_hash, created_at)
        VALUES ('${USER}', 'ana', 'Ana', 'agent', '3106200', 'x', now());
      INSERT INTO reports SELECT gen_random_uuid(), (3100000 + i % 853)::text, to_char(date '2024-01-01' + ((i / 853) || ' months')::interval, 'YYYY-MM'),
        'P' || i, 1, 'received', 9, 17, now(), now(), now() FROM generate_series(1, 30000) i;
      INSERT INTO photos SELECT lpad(to_hex(i), 64, '0'), 'image/jpeg', 1, '\\x00', now() FROM generate_series(1, 30000) i;
      INSERT INTO report_photos SELECT r.id, lpad(to_hex(row_number() OVER ()::int), 64, '0') FROM reports r;`);
  }, 60_000);
  afterAll(() => d.close());

  const plan = async (all: boolean) => {
    const { rows } = await d.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${photoAccessSql(all)}`, all ? [sha(10), USER] : [sha(10), USER, ['3106200']]);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('looks the photo up by sha256 and its reports by primary key, never scanning reports (no statistics yet)', async () => {
    const { rows } = await d.query<{ n: number }>(`SELECT count(*) AS n FROM pg_stats WHERE tablename = 'reports'`);
    expect(rows[0].n).toBe(0); // the planner knows nothing: the worst case
    for (const all of [false, true]) {
      const text = await plan(all);
      expect(text).toContain('photos_pkey');
      expect(text).toContain('report_photos_sha_idx');
      expect(text).not.toMatch(/Seq Scan on (reports|report_photos|photos)/);
      if (!all) expect(text).toContain('reports_pkey');
    }
  });

  it('answers the access check for an in-scope report, out of scope and the uploader', async () => {
    const { rows: [own] } = await d.query<{ code: string; sha256: string }>(
      `SELECT r.municipality_code AS code, rp.sha256 FROM reports r JOIN report_photos rp ON rp.report_id = r.id LIMIT 1`);
    const check = async (codes: string[]) => (await d.query<{ allowed: boolean }>(photoAccessSql(false), [own.sha256, USER, codes])).rows[0].allowed;
    expect(await check([own.code])).toBe(true);
    expect(await check(['0000000'])).toBe(false);
    await d.query(`INSERT INTO photo_uploads (sha256, user_id, uploaded_at) VALUES ($1, $2, now())`, [own.sha256, USER]);
    expect(await check(['0000000'])).toBe(true);
  });

  it('ANALYZE runs after migrations (openStore) and after N writes (keepStatistics)', async () => {
    expect(analyzedAtOpen).toBeGreaterThanOrEqual(8); // every table of 001_init
    const raw = d;
    const kept = keepStatistics(raw, { everyWrites: 5 });
    await kept.exec('CREATE TABLE t (n int)');
    const analyzedAt = async () => (await raw.query<{ at: Date | null }>(`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 't'`)).rows[0].at;
    for (let i = 0; i < 4; i++) await kept.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [i]));
    await new Promise((r) => setTimeout(r, 50));
    expect(await analyzedAt()).toBeNull();
    await kept.transaction((tx) => tx.query('INSERT INTO t VALUES (5)'));
    let at: Date | null = null;
    for (let i = 0; i < 50 && !at; i++) {
      await new Promise((r) => setTimeout(r, 20));
      at = await analyzedAt();
    }
    expect(at).toBeInstanceOf(Date);
  });
});
