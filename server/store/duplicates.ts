// Second reports of a month found in existing data (migration 020): listed for the central level,
// which merges them into the kept report (a new revision) or discards them. Both are audited and
// nothing is deleted: a resolved duplicate stays readable with all its revisions.
import type { Duplicate, ResolveDuplicateRequest, User } from '../../src/domain/api.ts';
import { appendActions } from '../../src/domain/merge-report.ts';
import { validateSubmission, type ReportSubmission, type ServerReportStatus } from '../../src/domain/report.ts';
import { audit } from './audit.ts';
import type { Driver, Queryable } from './driver.ts';
import { lockPeriod } from './period-rule.ts';
import { writeRevision } from './reports.ts';
import { lockReport } from './rows.ts';

export type ResolveOutcome =
  | { outcome: 'resolved'; duplicate: Duplicate }
  | { outcome: 'not_found' }
  | { outcome: 'already_resolved'; duplicate: Duplicate }
  | { outcome: 'report_locked'; status: ServerReportStatus }
  | { outcome: 'invalid_merge'; messages: string[] };

interface DuplicateRow {
  report_id: string; municipality_code: string; period: string; found_at: Date;
  resolution: 'merged' | 'discarded' | null; merged_revision: number | null; resolved_at: Date | null; resolver: string | null;
  d_protocol: string; d_revision: number; d_status: ServerReportStatus; d_actions: number; d_received: Date;
  k_id: string; k_protocol: string; k_revision: number; k_status: ServerReportStatus; k_actions: number; k_received: Date;
}

const SELECT = `SELECT d.report_id, d.municipality_code, d.period, d.found_at, d.resolution, d.merged_revision, d.resolved_at,
    u.name AS resolver,
    dr.protocol AS d_protocol, dr.revision AS d_revision, dr.status AS d_status, dr.action_count AS d_actions, dr.received_at AS d_received,
    kr.id AS k_id, kr.protocol AS k_protocol, kr.revision AS k_revision, kr.status AS k_status, kr.action_count AS k_actions, kr.received_at AS k_received
  FROM report_duplicates d
  JOIN reports dr ON dr.id = d.report_id
  JOIN reports kr ON kr.id = d.kept_report_id
  LEFT JOIN users u ON u.id = d.resolved_by`;

function toDuplicate(r: DuplicateRow): Duplicate {
  return {
    reportId: r.report_id, municipalityCode: r.municipality_code, period: r.period, foundAt: r.found_at.toISOString(),
    duplicate: { protocol: r.d_protocol, revision: r.d_revision, status: r.d_status, actionCount: r.d_actions, receivedAt: r.d_received.toISOString() },
    kept: { id: r.k_id, protocol: r.k_protocol, revision: r.k_revision, status: r.k_status, actionCount: r.k_actions, receivedAt: r.k_received.toISOString() },
    resolution: r.resolution, mergedRevision: r.merged_revision,
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null, resolvedBy: r.resolver,
  };
}

async function one(q: Queryable, reportId: string): Promise<Duplicate | undefined> {
  const { rows } = await q.query<DuplicateRow>(`${SELECT} WHERE d.report_id = $1`, [reportId]);
  return rows[0] && toDuplicate(rows[0]);
}

async function latestSubmission(q: Queryable, id: string, revision: number): Promise<ReportSubmission> {
  const { rows } = await q.query<{ submission: ReportSubmission }>(
    'SELECT submission FROM report_revisions WHERE report_id = $1 AND revision = $2', [id, revision]);
  return rows[0].submission;
}

export class DuplicateStore {
  constructor(private readonly db: Driver) {}

  /** Open duplicates (or resolved ones), oldest month first; at most `limit` rows after `after`. */
  async list(p: { resolved: boolean; limit: number; after?: string }): Promise<Duplicate[]> {
    const { rows } = await this.db.query<DuplicateRow>(
      `${SELECT} WHERE (d.resolved_at IS NOT NULL) = $1 AND ($2::uuid IS NULL OR d.report_id > $2::uuid)
       ORDER BY d.report_id LIMIT $3`,
      [p.resolved, p.after ?? null, p.limit],
    );
    return rows.map(toDuplicate);
  }

  /** Merge: the duplicate's actions become a new revision of the kept report. Discard: only marked. */
  async resolve(reportId: string, resolution: ResolveDuplicateRequest['resolution'], user: User, now: Date): Promise<ResolveOutcome> {
    return this.db.transaction(async (tx): Promise<ResolveOutcome> => {
      const found = await one(tx, reportId);
      if (!found) return { outcome: 'not_found' };
      await lockPeriod(tx, found.municipalityCode, found.period);
      const kept = await lockReport(tx, found.kept.id);
      const dup = await lockReport(tx, reportId);
      const row = (await tx.query<{ resolved_at: Date | null }>(
        'SELECT resolved_at FROM report_duplicates WHERE report_id = $1 FOR UPDATE', [reportId])).rows[0];
      if (row.resolved_at || !kept || !dup) return { outcome: 'already_resolved', duplicate: (await one(tx, reportId)) as Duplicate };

      let mergedRevision: number | null = null;
      if (resolution === 'merge') {
        if (kept.status !== 'received' && kept.status !== 'returned') return { outcome: 'report_locked', status: kept.status };
        const base = await latestSubmission(tx, kept.id, kept.revision);
        const extra = await latestSubmission(tx, dup.id, dup.revision);
        const merged = appendActions(base, extra, kept.revision + 1, now);
        const checked = validateSubmission(merged, now);
        if (!checked.success) return { outcome: 'invalid_merge', messages: checked.issues.map((i) => i.message) };
        await writeRevision(tx, kept, checked.data, user, now, { detail: { mergedFrom: dup.id, mergedProtocol: dup.protocol } });
        mergedRevision = merged.revision;
      }
      await tx.query(
        `UPDATE report_duplicates SET resolution = $2, merged_revision = $3, resolved_by = $4, resolved_at = $5 WHERE report_id = $1`,
        [reportId, resolution === 'merge' ? 'merged' : 'discarded', mergedRevision, user.id, now],
      );
      await audit(tx, {
        at: now, actorId: user.id, action: resolution === 'merge' ? 'report.duplicate_merged' : 'report.duplicate_discarded',
        entityType: 'report', entityId: reportId, fromRevision: dup.revision, toRevision: dup.revision,
        detail: { keptReportId: kept.id, keptProtocol: kept.protocol, ...(mergedRevision ? { mergedRevision } : {}) },
      });
      return { outcome: 'resolved', duplicate: (await one(tx, reportId)) as Duplicate };
    });
  }
}
