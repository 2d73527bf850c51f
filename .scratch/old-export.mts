import { openStore } from '../server/store/open-store.ts';
import { validSubmission } from '../tests/helpers/fixtures.ts';
import { exportReports } from './old-panel-store.ts';
import { actionsCsv } from './old-actions-csv.ts';
import pg from 'pg';
const schema = 'old_export_probe';
const store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema });
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
const before = process.memoryUsage().rss / 1e6;
let peak = before;
const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss / 1e6); }, 5);
const rows = await exportReports(store.driver, { from: '2017-01', to: '2026-12' });
const csv = actionsCsv(rows);
const body = Buffer.from(csv);
peak = Math.max(peak, process.memoryUsage().rss / 1e6);
clearInterval(t);
console.log(`old export: ${(body.length / 1e6).toFixed(1)} MB CSV, RSS ${before.toFixed(0)} → ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`);
await store.close();
const c = new pg.Client('postgres://postgres@127.0.0.1:5432/test'); await c.connect(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
