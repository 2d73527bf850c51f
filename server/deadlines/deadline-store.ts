// Due dates set by the central level, and how each municipality stands against them.
import { DEFAULT_DEADLINES, dueDateOf, submissionTiming, BRAZIL_UTC_OFFSET_MINUTES, dateInBrazil, type DeadlineSettings, type SubmissionTiming } from '../../src/domain/deadline.ts';
import { DeadlineSettingsSchema } from '../../src/domain/deadline-settings.ts';
import { allMunicipalities, municipalitiesOfRegional, type Municipality } from '../../src/domain/municipality.ts';
import { periodRange } from '../../src/domain/period.ts';
import type { Queryable } from '../store/driver.ts';

export async function getDeadlineSettings(q: Queryable): Promise<DeadlineSettings> {
  const { rows } = await q.query<{ value: unknown }>(`SELECT value FROM server_settings WHERE key = 'deadlines'`);
  const parsed = rows[0] ? DeadlineSettingsSchema.safeParse(rows[0].value) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_DEADLINES;
}

export async function putDeadlineSettings(q: Queryable, settings: DeadlineSettings, userId: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO server_settings (key, value, updated_at, updated_by) VALUES ('deadlines', $1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(settings), now, userId],
  );
  await q.query(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, detail) VALUES ($1, $2, 'deadlines.updated', 'settings', 'deadlines', $3)`,
    [now, userId, JSON.stringify(settings)],
  );
}

/** The first instant after the due date, in Minas Gerais (reports received before it are on time). */
export function dueCutoff(dueDate: string): Date {
  const [y, m, d] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - BRAZIL_UTC_OFFSET_MINUTES * 60_000);
}

export interface MunicipalityDeadline {
  code: string;
  name: string;
  regional: string;
  timing: SubmissionTiming;
  /** when the first report of the month reached the endpoint */
  firstReceivedAt: string | null;
}

const TIMING_ORDER: Record<SubmissionTiming, number> = { missing: 0, late: 1, open: 2, on_time: 3 };

/** Every municipality of `scope` for one month: missing and late first, then by name. */
export async function deadlineStatus(
  q: Queryable,
  p: { period: string; scope: Municipality[]; now: Date; settings: DeadlineSettings },
): Promise<MunicipalityDeadline[]> {
  const { rows } = await q.query<{ municipality_code: string; first: Date }>(
    `SELECT municipality_code, min(first_received_at) AS first FROM reports
     WHERE period = $1 AND municipality_code = ANY($2::text[]) GROUP BY 1`,
    [p.period, p.scope.map((m) => m.code)],
  );
  const first = new Map(rows.map((r) => [r.municipality_code, r.first]));
  const today = dateInBrazil(p.now);
  return p.scope
    .map((m) => {
      const at = first.get(m.code);
      return {
        code: m.code, name: m.name, regional: m.regional,
        timing: submissionTiming(p.period, at && dateInBrazil(at), today, p.settings),
        firstReceivedAt: at ? at.toISOString() : null,
      };
    })
    .sort((a, b) => TIMING_ORDER[a.timing] - TIMING_ORDER[b.timing] || a.name.localeCompare(b.name, 'pt-BR'));
}

export interface TimingCounts {
  onTime: number;
  late: number;
  missing: number;
  /** not sent, due date not passed yet */
  open: number;
}

/**
 * On-time / late / missing counts per month and per regional unit over a range, aggregated in SQL:
 * the rows read are one per (regional, month), whatever the number of reports.
 */
export async function deadlineCounts(
  q: Queryable,
  p: { from: string; to: string; regional?: string; now: Date; settings: DeadlineSettings },
): Promise<{ byMonth: (TimingCounts & { period: string; dueDate: string })[]; byRegional: (TimingCounts & { regional: string })[] }> {
  const scope = p.regional ? municipalitiesOfRegional(p.regional) : allMunicipalities();
  const periods = periodRange(p.from, p.to);
  const dues = periods.map((period) => dueDateOf(period, p.settings));
  const { rows } = await q.query<{ regional: string; period: string; on_time: number; late: number }>(
    `WITH d AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS d(period, cutoff)),
       m AS (SELECT * FROM unnest($3::text[], $4::text[]) AS m(code, regional)),
       f AS (SELECT r.municipality_code, r.period, min(r.first_received_at) AS first FROM reports r
             WHERE r.period = ANY($1::text[]) AND r.municipality_code = ANY($3::text[]) GROUP BY 1, 2)
     SELECT m.regional, f.period, count(*) FILTER (WHERE f.first < d.cutoff) AS on_time, count(*) FILTER (WHERE f.first >= d.cutoff) AS late
     FROM f JOIN d ON d.period = f.period JOIN m ON m.code = f.municipality_code
     GROUP BY 1, 2`,
    [periods, dues.map(dueCutoff), scope.map((m) => m.code), scope.map((m) => m.regional)],
  );
  const today = dateInBrazil(p.now);
  const perRegional = new Map<string, number>();
  for (const m of scope) perRegional.set(m.regional, (perRegional.get(m.regional) ?? 0) + 1);
  const months = new Map(periods.map((period, i) => [period, { period, dueDate: dues[i], onTime: 0, late: 0, missing: 0, open: 0 }]));
  const regionals = new Map([...perRegional.keys()].map((regional) => [regional, { regional, onTime: 0, late: 0, missing: 0, open: 0 }]));
  const sent = new Map<string, number>();
  for (const r of rows) {
    const month = months.get(r.period)!;
    const reg = regionals.get(r.regional)!;
    month.onTime += r.on_time;
    month.late += r.late;
    reg.onTime += r.on_time;
    reg.late += r.late;
    sent.set(`${r.regional}|${r.period}`, r.on_time + r.late);
  }
  for (const [regional, total] of perRegional) {
    for (const month of months.values()) {
      const notSent = total - (sent.get(`${regional}|${month.period}`) ?? 0);
      const key = today > month.dueDate ? 'missing' : 'open';
      month[key] += notSent;
      regionals.get(regional)![key] += notSent;
    }
  }
  return {
    byMonth: [...months.values()],
    byRegional: [...regionals.values()].sort((a, b) => a.regional.localeCompare(b.regional, 'pt-BR')),
  };
}

