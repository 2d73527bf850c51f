// The export's reads: every report of a range and scope with its latest revision, in batches, so
// memory stays bounded by the batch whatever the range (120 months included).
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { scopeSql, type Scope } from '../auth/scope.ts';
import { yieldToEventLoop, type Driver } from './driver.ts';

export interface ExportRow {
  protocol: string;
  status: ServerReportStatus;
  revision: number;
  municipalityCode: string;
  period: string;
  receivedAt: Date;
  submission: ReportSubmission;
}

interface Row {
  id: string;
  protocol: string;
  status: ServerReportStatus;
  revision: number;
  municipality_code: string;
  period: string;
  received_at: Date;
  first_at: string;
  /** jsonb as text: parsed here, ~40% faster than PGlite's own jsonb conversion */
  submission: string;
}

/**
 * Reports per page. Each page is one short query over an index range of `reports_export_order_idx`
 * (LIMIT n, then the page's revisions by primary key): the first rows come at once whatever the
 * range, and no connection is held between pages. PGlite hands over jsonb at about 5 MB/s, so a
 * page of 25 typical reports holds its single connection (and this thread) for ~25–100 ms.
 *
 * Not a PostgreSQL cursor: node-postgres' portal is planned for the whole result, and for 36 months
 * the planner picks a hash join of every revision and a sort before the first row (12.4 s at state
 * scale; EXPLAIN in BENCHMARKS.md).
 */
export const EXPORT_BATCH = { postgres: 100, pglite: 25 } as const;

const toExportRow = (r: Row): ExportRow => ({
  protocol: r.protocol, status: r.status, revision: r.revision, municipalityCode: r.municipality_code,
  period: r.period, receivedAt: r.received_at, submission: JSON.parse(r.submission) as ReportSubmission,
});

/**
 * The latest revision of every report in range and scope (any status), oldest period first, in
 * keyset pages; between two pages the event loop turns, so other requests are served meanwhile
 * (PGlite runs queries on this thread).
 */
export async function* exportBatches(
  driver: Driver,
  p: { from: string; to: string; scope: Scope },
  batch: number = EXPORT_BATCH[driver.kind],
): AsyncGenerator<ExportRow[], void, undefined> {
  const params: unknown[] = [p.from, p.to];
  const where = `r.period BETWEEN $1 AND $2 AND r.duplicate_of IS NULL AND ${scopeSql(p.scope, 'r.municipality_code', params)}`;
  const order = 'ORDER BY r.period, r.municipality_code, r.first_received_at, r.id';
  // The page is chosen on `reports` alone (narrow rows, an index range), then joined to its
  // revisions: even a planner without statistics never sorts jsonb.
  const sql = (after: string): string => `SELECT r.id, r.protocol, r.status, r.revision, r.municipality_code, r.period,
      r.received_at, r.first_at, v.submission::text AS submission
    FROM (SELECT r.id, r.protocol, r.status, r.revision, r.municipality_code, r.period, r.received_at, r.first_received_at,
            r.first_received_at::text AS first_at
          FROM reports r WHERE ${where}${after} ${order} LIMIT ${batch}) r
    JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
    ${order}`;
  let last: Row | undefined;
  for (;;) {
    const n = params.length;
    const after = last ? ` AND (r.period, r.municipality_code, r.first_received_at, r.id) > ($${n + 1}, $${n + 2}, $${n + 3}::timestamptz, $${n + 4}::uuid)` : '';
    const { rows } = await driver.query<Row>(sql(after), last ? [...params, last.period, last.municipality_code, last.first_at, last.id] : params);
    if (rows.length) yield rows.map(toExportRow);
    if (rows.length < batch) return;
    last = rows[rows.length - 1];
    // PGlite runs the query on this thread and answers through microtasks only: without a turn of
    // the event loop here, page after page would run back to back and keep every socket waiting.
    await yieldToEventLoop();
  }
}
