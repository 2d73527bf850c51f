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
 * query at a time: the Painel sends its chunks one after another, and other requests' queries run
 * between them (tests/server/pglite-blocking.test.ts and tests/bench/scale.ts measure it).
 */
export const PANEL_MONTHS_PER_QUERY = 12;

interface ChunkRows {
  /** per municipality and status (period null), and per month and status (municipality null) */
  towns: { municipality_code: string | null; period: string | null; status: ServerReportStatus; reports: number; actions: number; participants: number }[];
  keys: { dimension: 'type' | 'theme'; key: string; n: number }[];
}

async function panelChunk(q: Queryable, from: string, to: string, regional: string | undefined, codes: string[] | undefined, statuses: readonly ServerReportStatus[]): Promise<ChunkRows> {
  const towns = await q.query<ChunkRows['towns'][number]>(
    `SELECT municipality_code, period, status, sum(reports) AS reports, sum(actions) AS actions, sum(participants) AS participants
     FROM panel_town_month WHERE period BETWEEN $1 AND $2 AND (reports <> 0 OR actions <> 0)
       ${codes ? 'AND municipality_code = ANY($3::text[])' : ''}
     GROUP BY GROUPING SETS ((municipality_code, status), (period, status))`,
    codes ? [from, to, codes] : [from, to],
  );
  const keys = await q.query<ChunkRows['keys'][number]>(
    `SELECT dimension, key, sum(n) AS n FROM panel_key_month
     WHERE period BETWEEN $1 AND $2 AND status = ANY($3::text[]) ${regional ? 'AND regional = $4' : ''}
     GROUP BY 1, 2 HAVING sum(n) <> 0`,
    regional ? [from, to, statuses, regional] : [from, to, statuses],
  );
  return { towns: towns.rows, keys: keys.rows };
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
  if (opts.parallel) chunks.push(...(await Promise.all(ranges.map(([f, t]) => panelChunk(q, f, t, p.regional, codes, statuses)))));
  else {
    for (const [f, t] of ranges) {
      chunks.push(await panelChunk(q, f, t, p.regional, codes, statuses));
      await yieldToEventLoop(); // PGlite: let other requests in between two chunks
    }
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
    for (const r of chunk.towns) {
      // Sums come back as numeric (text) on some paths: make them numbers once.
      const [reports, actions, participants] = [Number(r.reports), Number(r.actions), Number(r.participants)];
      const counted = statuses.includes(r.status);
      if (r.municipality_code === null) {
        const month = months.get(r.period as string);
        if (!month) continue;
        month.reports += reports;
        if (counted) {
          month.actions += actions;
          month.participants += participants;
        }
        continue;
      }
      const code = r.municipality_code;
      const reg = regionalOf(code);
      byStatus[r.status] += reports;
      reg.reports += reports;
      if (!counted) continue;
      if (reports > 0) reporting.add(code);
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
