import { openPgliteDriver } from '/work/wt/i11/server/store/pglite-driver.ts';
import { migrate } from '/work/wt/i11/server/store/migrate.ts';
const d = await openPgliteDriver('memory://');
await migrate(d);
await d.exec(`
INSERT INTO users (id, login, name, role, municipality_code, password_hash, created_at) VALUES ('00000000-0000-0000-0000-000000000001','ana','a','agent','3106200','x',now());
INSERT INTO reports SELECT gen_random_uuid(), lpad((3100000+(i%853))::text,7,'0'), '2026-' || lpad((1+i%12)::text,2,'0'), 'P'||i, 1, 'received', 9, 17, now(), now(), now() FROM generate_series(1,30000) i;
INSERT INTO photos SELECT lpad(to_hex(i),64,'0'), 'image/jpeg', 10, '\\x00', now() FROM generate_series(1,50000) i;
INSERT INTO report_photos SELECT r.id, lpad(to_hex(1+(row_number() over ())::int % 50000),64,'0') FROM reports r;
`);
const sha = '0'.repeat(60)+'0010';
const old = `EXPLAIN SELECT p.mime_type,
        (EXISTS (SELECT 1 FROM photo_uploads pu WHERE pu.sha256 = p.sha256 AND pu.user_id = $2)
         OR EXISTS (SELECT 1 FROM report_photos rp JOIN reports r ON r.id = rp.report_id
                    WHERE rp.sha256 = p.sha256 AND r.municipality_code = ANY($3::text[]))) AS allowed
       FROM photos p WHERE p.sha256 = $1`;
const nw = `EXPLAIN SELECT p.mime_type,
        (EXISTS (SELECT 1 FROM photo_uploads pu WHERE pu.sha256 = $1 AND pu.user_id = $2)
         OR EXISTS (SELECT 1 FROM report_photos rp WHERE rp.sha256 = $1
                    AND (SELECT r.municipality_code FROM reports r WHERE r.id = rp.report_id) = ANY($3::text[]))) AS allowed
       FROM photos p WHERE p.sha256 = $1`;
for (const q of [old, nw]) {
  const r = await d.query<{ 'QUERY PLAN': string }>(q, [sha, '00000000-0000-0000-0000-000000000001', ['3106200']]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'), '\n----');
  const t = performance.now();
  for (let i = 0; i < 20; i++) await d.query(q.replace('EXPLAIN', ''), [sha, '00000000-0000-0000-0000-000000000001', ['3106200']]);
  console.log('ms/query', (performance.now() - t) / 20);
}
