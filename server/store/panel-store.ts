// The Painel's reads, over its monthly rollup (migration 013), and the CSV export's batches.
// Counts come back as numbers on both drivers (the drivers parse int8).
import type { PanelResponse } from '../../src/domain/api.ts';
import { findMunicipality, municipalitiesOfRegional, allMunicipalities } from '../../src/domain/municipality.ts';
import { periodRange } from '../../src/domain/period.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import type { Scope } from '../auth/scope.ts';
import { COUNTED_STATUSES } from './action-facts.ts';
import { yieldToEventLoop, type Driver, type Queryable } from './driver.ts';
import { exportBatches, type ExportRow } from './export-store.ts';

/** The Painel's figures and the CSV export's rows. */
export class PanelStore {
  constructor(private readonly db: Driver) {}

  /** PostgreSQL sends the month chunks at once over its pool; PGlite one after another. */
  figures(p: PanelQuery): Promise<PanelResponse> {
    return panelFigures(this.db, p, { parallel: this.db.kind === 'postgres' });
  }

  /** Every report of the range and scope with its latest revision, in bounded batches. */
  exportBatches(p: { from: string; to: string; scope: Scope }): AsyncGenerator<ExportRow[], void, undefined> {
    return exportBatches(this.db, p);
  }
}

export { COUNTED_STATUSES };

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

/**
 * Months per query. Every query reads only rollup rows of its months (migration 013: one row per
 * month, municipality and status, and per month, regional unit, status and type or theme), so its
 * cost is bounded by the months it covers, never by the actions or revisions kept. PGlite runs one
 * query at a time on the server's thread: the Painel sends its queries one after another with a
 * turn of the event loop before each, so another request waits for one query at most. At the whole
 * state's size (853 towns, ~3,500 type/theme rows a month) a 12-month chunk's town query took
 * 60–120 ms on PGlite and its key query ~50 ms; 6 months keep each near 20–30 ms
 * (tests/server/pglite-blocking.test.ts measures it).
 */
export const PANEL_MONTHS_PER_QUERY = 6;

const STATUSES = ['received', 'returned', 'approved', 'consolidated'] as const satisfies readonly ServerReportStatus[];

/**
 * One chunk's town figures: per municipality (period null) its reports by status, then its reports,
 * actions and participants of the counted statuses; per month (municipality null) the same sums.
 * One row per town, not per town and status, and all rows in one json value: PGlite's cost is in
 * the values it returns (parsed one by one in JS), far more than in the rows it reads.
 */
type TownRow = [code: string | null, period: string | null, received: number, returned: number, approved: number, consolidated: number, countedReports: number, actions: number, participants: number];

interface ChunkRows {
  towns: TownRow[];
  keys: { dimension: 'type' | 'theme'; key: string; n: number }[];
}

async function panelChunk(q: Queryable, from: string, to: string, regional: string | undefined, codes: string[] | undefined, statuses: readonly ServerReportStatus[], between: () => Promise<void>): Promise<ChunkRows> {
  const counted = 'FILTER (WHERE status = ANY($3::text[]))';
  await between();
  const towns = await q.query<{ towns: TownRow[] | null }>(
    `SELECT json_agg(json_build_array(municipality_code, period, ${STATUSES.join(', ')}, counted_reports, actions, participants)) AS towns
     FROM (SELECT municipality_code, period,
         ${STATUSES.map((s) => `coalesce(sum(reports) FILTER (WHERE status = '${s}'), 0) AS ${s}`).join(', ')},
         coalesce(sum(reports) ${counted}, 0) AS counted_reports,
         coalesce(sum(actions) ${counted}, 0) AS actions, coalesce(sum(participants) ${counted}, 0) AS participants
       FROM panel_town_month WHERE period BETWEEN $1 AND $2 AND (reports <> 0 OR actions <> 0)
         ${codes ? 'AND municipality_code = ANY($4::text[])' : ''}
       GROUP BY GROUPING SETS ((municipality_code), (period))) t`,
    codes ? [from, to, statuses, codes] : [from, to, statuses],
  );
  await between();
  const keys = await q.query<ChunkRows['keys'][number]>(
    `SELECT dimension, key, sum(n) AS n FROM panel_key_month
     WHERE period BETWEEN $1 AND $2 AND status = ANY($3::text[]) ${regional ? 'AND regional = $4' : ''}
     GROUP BY 1, 2 HAVING sum(n) <> 0`,
    regional ? [from, to, statuses, regional] : [from, to, statuses],
  );
  return { towns: towns.rows[0]?.towns ?? [], keys: keys.rows };
}

/** Consecutive [from, to] month ranges of at most `size` months covering the range. */
export function monthChunks(from: string, to: string, size: number): [string, string][] {
  const months = periodRange(from, to);
  const chunks: [string, string][] = [];
  for (let i = 0; i < months.length; i += size) chunks.push([months[i], months[Math.min(i + size, months.length) - 1]]);
  return chunks;
}

const byCountThenKey = (a: { key: string; count: number }, b: { key: string; count: number }) =>
  b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Every figure of the Painel for a range and scope, from the facts tables. `parallel`: send the
 * month chunks at once (PostgreSQL's pool) or one after another (PGlite's single connection).
 */
export async function panelFigures(q: Queryable, p: PanelQuery, opts: { parallel?: boolean; monthsPerQuery?: number } = {}): Promise<PanelResponse> {
  const scope = p.regional ? municipalitiesOfRegional(p.regional) : allMunicipalities();
  const codes = p.regional ? scope.map((m) => m.code) : undefined;
  const statuses = p.statuses ?? COUNTED_STATUSES;
  const ranges = monthChunks(p.from, p.to, opts.monthsPerQuery ?? PANEL_MONTHS_PER_QUERY);
  const chunks: ChunkRows[] = [];
  if (opts.parallel) chunks.push(...(await Promise.all(ranges.map(([f, t]) => panelChunk(q, f, t, p.regional, codes, statuses, async () => {})))));
  else {
    // PGlite: let other requests in before each query, and before the figures are summed up
    for (const [f, t] of ranges) chunks.push(await panelChunk(q, f, t, p.regional, codes, statuses, yieldToEventLoop));
    await yieldToEventLoop();
  }

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
  const towns = new Map<string, { actions: number; participants: number }>();
  const types = new Map<string, number>();
  const themes = new Map<string, number>();
  let totalActions = 0;
  let totalParticipants = 0;
  for (const chunk of chunks) {
    for (const [code, period, ...sums] of chunk.towns) {
      // json numbers; Number() keeps the sums below numeric whatever a driver hands back
      const [received, returned, approved, consolidated, countedReports, actions, participants] = sums.map(Number);
      const reports = { received, returned, approved, consolidated };
      if (code === null) {
        const month = months.get(period as string);
        if (!month) continue;
        month.reports += received + returned + approved + consolidated;
        month.actions += actions;
        month.participants += participants;
        continue;
      }
      const reg = regionalOf(code);
      for (const st of STATUSES) {
        byStatus[st] += reports[st];
        reg.reports += reports[st];
      }
      if (countedReports > 0) reporting.add(code);
      if (actions === 0 && participants === 0) continue;
      totalActions += actions;
      totalParticipants += participants;
      reg.actions += actions;
      reg.participants += participants;
      const town = towns.get(code) ?? { actions: 0, participants: 0 };
      town.actions += actions;
      town.participants += participants;
      towns.set(code, town);
    }
    for (const k of chunk.keys) {
      const map = k.dimension === 'type' ? types : themes;
      map.set(k.key, (map.get(k.key) ?? 0) + Number(k.n));
    }
  }
  for (const code of reporting) regionalOf(code).municipalitiesReporting++;

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
    byTheme: [...themes].map(([key, count]) => ({ key, count })).sort(byCountThenKey),
    byType: [...types].map(([key, count]) => ({ key, count })).sort(byCountThenKey),
    byMonth: [...months.values()],
    byRegional: [...regionals.values()].sort((a, b) => a.regional.localeCompare(b.regional, 'pt-BR')),
    topMunicipalities,
    byMunicipality: [...towns].map(([code, t]) => ({ code, ...t })).sort((a, b) => a.code.localeCompare(b.code)),
    municipalitiesReportingCodes: [...reporting].sort(),
  };
}
