// Read-only aggregate queries for the Painel and the CSV export. Plain SQL over the same Driver;
// counts come back as numbers on both drivers (the drivers parse int8).
import type { PanelResponse } from '../../src/domain/api.ts';
import { findMunicipality, municipalitiesOfRegional, allMunicipalities } from '../../src/domain/municipality.ts';
import { periodRange } from '../../src/domain/period.ts';
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { STATE_SCOPE, regionalScope, scopeSql, type Scope } from '../auth/scope.ts';
import type { Queryable } from './driver.ts';

/** Reports whose figures count on the Painel (a returned report waits for its correction). */
export const COUNTED_STATUSES: readonly ServerReportStatus[] = ['received', 'approved', 'consolidated'];

export interface PanelQuery {
  from: string;
  to: string;
  /** a regional unit, or undefined for the whole state */
  regional?: string;
  now: Date;
  /** statuses whose figures count (default COUNTED_STATUSES); the public pages ask approved/consolidated only */
  statuses?: readonly ServerReportStatus[];
}

const TOP_MUNICIPALITIES = 10;

export interface ExportRow {
  protocol: string;
  status: ServerReportStatus;
  revision: number;
  municipalityCode: string;
  period: string;
  receivedAt: Date;
  submission: ReportSubmission;
}

/** The Painel's figures and the CSV export's rows. */
export class PanelStore {
  constructor(private readonly db: Queryable) {}

  figures(p: PanelQuery): Promise<PanelResponse> {
    return panelFigures(this.db, p);
  }

  exportRows(p: { from: string; to: string; scope: Scope }): Promise<ExportRow[]> {
    return exportReports(this.db, p);
  }
}

/** Every figure of the Painel for a range and scope. */
async function panelFigures(q: Queryable, p: PanelQuery): Promise<PanelResponse> {
  const scope = p.regional ? municipalitiesOfRegional(p.regional) : allMunicipalities();
  const params: unknown[] = [p.from, p.to];
  const where = `r.period BETWEEN $1 AND $2 AND ${scopeSql(p.regional ? regionalScope(p.regional) : STATE_SCOPE, 'r.municipality_code', params)}`;
  const whereParams = [...params];
  const statuses = p.statuses ?? COUNTED_STATUSES;
  params.push(statuses);
  const counted = `${where} AND r.status = ANY($${params.length}::text[])`;
  // The latest revision's actions of every counted report.
  const actions = `FROM reports r
    JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
    CROSS JOIN LATERAL jsonb_array_elements(v.submission -> 'actions') a
    WHERE ${counted}`;

  const [reports, perMunicipality, themes, types] = await Promise.all([
    q.query<{ municipality_code: string; period: string; status: ServerReportStatus; n: number }>(
      `SELECT r.municipality_code, r.period, r.status, count(*) AS n FROM reports r WHERE ${where} GROUP BY 1, 2, 3`,
      whereParams,
    ),
    q.query<{ municipality_code: string; period: string; actions: number; participants: number }>(
      `SELECT r.municipality_code, r.period, count(*) AS actions,
         coalesce(sum((a ->> 'participants')::int), 0) AS participants
       ${actions} GROUP BY 1, 2`,
      params,
    ),
    q.query<{ key: string; count: number }>(
      `SELECT t AS key, count(*) AS count ${actions.replace('WHERE', "CROSS JOIN LATERAL jsonb_array_elements_text(a -> 'themes') t WHERE")}
       GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    ),
    q.query<{ key: string; count: number }>(
      `SELECT a ->> 'type' AS key, count(*) AS count ${actions} GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    ),
  ]);

  const byStatus = { received: 0, returned: 0, approved: 0, consolidated: 0 };
  const months = new Map(periodRange(p.from, p.to).map((period) => [period, { period, actions: 0, participants: 0, reports: 0 }]));
  const regionals = new Map<string, PanelResponse['byRegional'][number]>();
  const regionalOf = (code: string) => {
    const name = findMunicipality(code)?.regional ?? '';
    let row = regionals.get(name);
    if (!row) regionals.set(name, (row = { regional: name, actions: 0, participants: 0, reports: 0, municipalities: 0, municipalitiesReporting: 0 }));
    return row;
  };
  for (const m of scope) regionalOf(m.code).municipalities++;

  const reporting = new Set<string>();
  for (const r of reports.rows) {
    byStatus[r.status] += r.n;
    regionalOf(r.municipality_code).reports += r.n;
    const month = months.get(r.period);
    if (month) month.reports += r.n;
    if (statuses.includes(r.status)) reporting.add(r.municipality_code);
  }
  for (const code of reporting) regionalOf(code).municipalitiesReporting++;

  const towns = new Map<string, { actions: number; participants: number }>();
  let totalActions = 0;
  let totalParticipants = 0;
  for (const r of perMunicipality.rows) {
    totalActions += r.actions;
    totalParticipants += r.participants;
    const reg = regionalOf(r.municipality_code);
    reg.actions += r.actions;
    reg.participants += r.participants;
    const month = months.get(r.period);
    if (month) {
      month.actions += r.actions;
      month.participants += r.participants;
    }
    const town = towns.get(r.municipality_code) ?? { actions: 0, participants: 0 };
    town.actions += r.actions;
    town.participants += r.participants;
    towns.set(r.municipality_code, town);
  }

  const topMunicipalities = [...towns]
    .map(([code, t]) => {
      const m = findMunicipality(code);
      return { code, name: m?.name ?? code, regional: m?.regional ?? '', ...t };
    })
    .sort((a, b) => b.actions - a.actions || b.participants - a.participants || a.name.localeCompare(b.name, 'pt-BR'))
    .slice(0, TOP_MUNICIPALITIES);

  return {
    from: p.from,
    to: p.to,
    regional: p.regional ?? null,
    generatedAt: p.now.toISOString(),
    totals: {
      actions: totalActions,
      participants: totalParticipants,
      reports: byStatus.received + byStatus.returned + byStatus.approved + byStatus.consolidated,
      reportsApproved: byStatus.approved + byStatus.consolidated,
      municipalities: scope.length,
      municipalitiesReporting: reporting.size,
    },
    reportsByStatus: byStatus,
    byTheme: themes.rows,
    byType: types.rows,
    byMonth: [...months.values()],
    byRegional: [...regionals.values()].sort((a, b) => a.regional.localeCompare(b.regional, 'pt-BR')),
    topMunicipalities,
    byMunicipality: [...towns].map(([code, t]) => ({ code, ...t })).sort((a, b) => a.code.localeCompare(b.code)),
    municipalitiesReportingCodes: [...reporting].sort(),
  };
}

/** The latest revision of every report in range and scope (any status), oldest period first. */
async function exportReports(q: Queryable, p: { from: string; to: string; scope: Scope }): Promise<ExportRow[]> {
  const params: unknown[] = [p.from, p.to];
  const { rows } = await q.query<{
    protocol: string; status: ServerReportStatus; revision: number; municipality_code: string; period: string;
    received_at: Date; submission: ReportSubmission;
  }>(
    `SELECT r.protocol, r.status, r.revision, r.municipality_code, r.period, r.received_at, v.submission
     FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
     WHERE r.period BETWEEN $1 AND $2 AND ${scopeSql(p.scope, 'r.municipality_code', params)}
     ORDER BY r.period, r.municipality_code, r.first_received_at, r.id`,
    params,
  );
  return rows.map((r) => ({
    protocol: r.protocol, status: r.status, revision: r.revision, municipalityCode: r.municipality_code,
    period: r.period, receivedAt: r.received_at, submission: r.submission,
  }));
}
