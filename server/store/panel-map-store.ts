// The reviewers' Painel map: the latest report of each municipality in range and scope (its status
// colours the map for a month; a tap opens it).
import type { ServerReportStatus } from '../../src/domain/report.ts';
import { scopeSql, type Scope } from '../auth/scope.ts';
import type { Queryable } from './driver.ts';

export interface LatestReport {
  id: string;
  period: string;
  status: ServerReportStatus;
}

/** code → the municipality's latest report of the range (latest period, then latest received). */
export async function latestReports(q: Queryable, p: { from: string; to: string; scope: Scope }): Promise<Map<string, LatestReport>> {
  const params: unknown[] = [p.from, p.to];
  const scope = scopeSql(p.scope, 'municipality_code', params);
  const { rows } = await q.query<{ municipality_code: string; id: string; period: string; status: ServerReportStatus }>(
    `SELECT DISTINCT ON (municipality_code) municipality_code, id, period, status FROM reports
     WHERE period BETWEEN $1 AND $2 AND ${scope}
     ORDER BY municipality_code, period DESC, received_at DESC`,
    params,
  );
  return new Map(rows.map((r) => [r.municipality_code, { id: r.id, period: r.period, status: r.status }]));
}
