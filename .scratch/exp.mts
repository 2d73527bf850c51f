import { openStore } from '/work/wt/i11/server/store/open-store.ts';
import { validSubmission } from '/work/wt/i11/tests/helpers/fixtures.ts';
const store = await openStore({ memory: true });
const user = await store.createUser({ login: 'central', name: 'Central', role: 'central', passwordHash: 'x' }, new Date());
const s = validSubmission(9, '2026-01');
for (const a of s.actions) a.description = 'Descrição longa da ação; com "aspas" e acentuação. '.repeat(36);
await store.driver.exec(`
      INSERT INTO reports (id, municipality_code, period, protocol, revision, status, action_count, photo_count, received_at, first_received_at, updated_at)
      SELECT gen_random_uuid(), (3100000 + i % 853)::text,
        to_char(date '2017-01-01' + ((i % 120) || ' months')::interval, 'YYYY-MM'), 'MG-' || i, 1, 'received', 9, 9,
        now(), now() + (i || ' ms')::interval, now()
      FROM generate_series(1, 4500) i;
      INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by)
      SELECT id, 1, '${JSON.stringify(s).replace(/'/g, "''")}'::jsonb, 'h', now(), '${user.id}' FROM reports;`);
const sql = `EXPLAIN ANALYZE SELECT r.id, r.protocol, r.status, r.revision, r.municipality_code, r.period, r.received_at,
      r.first_received_at::text AS first_at, v.submission
    FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
    WHERE r.period BETWEEN $1 AND $2
    ORDER BY r.period, r.municipality_code, r.first_received_at, r.id LIMIT 200`;
for (const q of [sql]) {
  const r = await store.driver.query<any>(q, ['2017-01', '2026-12']);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
}
await store.driver.exec('ANALYZE');
const r = await store.driver.query<any>(sql, ['2017-01', '2026-12']);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
const { exportBatches } = await import('/work/wt/i11/server/store/export-store.ts');
const { actionsCsvChunks } = await import('/work/wt/i11/server/export/actions-csv.ts');
let t = performance.now();
const it = actionsCsvChunks(exportBatches(store.driver, { from: '2017-01', to: '2026-12' }));
await it.next();
console.log('first chunk ms', performance.now() - t);
t = performance.now();
let n = 0;
const q = await store.driver.query<any>(`SELECT v.submission FROM report_revisions v LIMIT 200`);
console.log('200 submissions ms', performance.now() - t);
t = performance.now();
const q2 = await store.driver.query<any>(`SELECT v.submission::text AS s FROM report_revisions v LIMIT 200`);
console.log('200 submissions as text ms', performance.now() - t);
