// One report per municipality and month: the lock, the lookup and the race backstop.
import type { ExistingReport } from '../../src/domain/api.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import type { Queryable } from './driver.ts';

/** Serializes every writer of one (municipality, period) across endpoint processes. */
export async function lockPeriod(tx: Queryable, municipalityCode: string, period: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`period:${municipalityCode}:${period}`]);
}

/** The live report (not a duplicate) of a municipality's month other than `exceptId`, if any. */
export async function existingReport(q: Queryable, municipalityCode: string, period: string, exceptId?: string): Promise<ExistingReport | undefined> {
  const { rows } = await q.query<{
    id: string; period: string; protocol: string; revision: number; status: ServerReportStatus; received_at: Date; name: string;
  }>(
    `SELECT r.id, r.period, r.protocol, r.revision, r.status, r.received_at, u.name
     FROM reports r
     JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
     JOIN users u ON u.id = v.submitted_by
     WHERE r.municipality_code = $1 AND r.period = $2 AND r.duplicate_of IS NULL AND r.id <> $3::uuid`,
    [municipalityCode, period, exceptId ?? '00000000-0000-0000-0000-000000000000'],
  );
  const r = rows[0];
  return r && {
    id: r.id, period: r.period, protocol: r.protocol, revision: r.revision, status: r.status,
    receivedAt: r.received_at.toISOString(), sentBy: r.name,
  };
}

/** True for the unique-index violation of reports_one_per_period. */
export function periodTakenRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'reports_one_per_period' || !!e.message?.includes('reports_one_per_period'));
}
