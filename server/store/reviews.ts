// Review decisions: one row per decision, the report's status moved by the domain's state machine.
import type { Review, ReviewDecision, User } from '../../src/domain/api.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import { reviewTransition } from '../../src/domain/review.ts';
import { inScope, scopeOf } from '../auth/scope.ts';
import { syncActionFacts } from './action-facts.ts';
import { syncPartnerFacts } from './partners-store.ts';
import { audit } from './audit.ts';
import type { Driver, Queryable } from './driver.ts';
import { lockReport, toReview, type ReviewRow } from './rows.ts';

export type ReviewOutcome =
  | { outcome: 'created'; review: Review; status: ServerReportStatus }
  | { outcome: 'not_found' }
  | { outcome: 'forbidden' }
  | { outcome: 'revision_conflict'; currentRevision: number }
  | { outcome: 'report_locked'; status: ServerReportStatus }
  | { outcome: 'invalid_transition'; status: ServerReportStatus }
  | { outcome: 'duplicate'; keptId: string };

/** The reviews of a report, oldest first (or only the one with id `onlyId`). */
export async function reviewsOf(q: Queryable, reportId: string, onlyId?: number): Promise<Review[]> {
  const { rows } = await q.query<ReviewRow>(
    `SELECT v.decision, v.comment, v.action_numbers, v.revision, v.created_at, u.login, u.name, u.role
     FROM reviews v JOIN users u ON u.id = v.reviewer_id
     WHERE v.report_id = $1 AND ($2::bigint IS NULL OR v.id = $2) ORDER BY v.id`,
    [reportId, onlyId ?? null],
  );
  return rows.map(toReview);
}

export class ReviewStore {
  constructor(private readonly db: Driver) {}

  /** Records a review decision and moves the report's status (see reviewTransition). */
  async add(r: {
    reportId: string;
    user: User;
    decision: ReviewDecision;
    comment?: string;
    actionNumbers?: number[];
    revision?: number;
    now: Date;
  }): Promise<ReviewOutcome> {
    return this.db.transaction(async (tx): Promise<ReviewOutcome> => {
      const current = await lockReport(tx, r.reportId);
      if (!current) return { outcome: 'not_found' };
      if (!inScope(scopeOf(r.user), current.municipality_code)) return { outcome: 'forbidden' };
      // A second report of a month waits for central's merge or discard, not for a review.
      if (current.duplicate_of) return { outcome: 'duplicate', keptId: current.duplicate_of };
      if (r.revision !== undefined && r.revision !== current.revision) {
        return { outcome: 'revision_conflict', currentRevision: current.revision };
      }
      const next = reviewTransition(current.status, r.decision, r.user.role);
      if (next === 'report_locked' || next === 'invalid_transition') return { outcome: next, status: current.status };
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO reviews (report_id, revision, decision, comment, action_numbers, reviewer_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [r.reportId, current.revision, r.decision, r.comment ?? null,
          r.actionNumbers ? JSON.stringify(r.actionNumbers) : null, r.user.id, r.now],
      );
      await tx.query('UPDATE reports SET status = $2, updated_at = $3 WHERE id = $1', [r.reportId, next, r.now]);
      await syncActionFacts(tx, r.reportId, current.municipality_code);
      await syncPartnerFacts(tx, r.reportId);
      await audit(tx, {
        at: r.now, actorId: r.user.id, action: 'report.reviewed', entityType: 'report', entityId: r.reportId,
        fromRevision: current.revision, toRevision: current.revision, fromStatus: current.status, toStatus: next,
        detail: { decision: r.decision },
      });
      const [review] = await reviewsOf(tx, r.reportId, rows[0].id);
      return { outcome: 'created', review, status: next };
    });
  }
}
