// The review state machine, shared by the store (which applies it), the review route and the
// reviewer console (which offers only the decisions it would accept).
import type { ReviewDecision, Role } from './api';
import type { ServerReportStatus } from './status';

/** Statuses in which the municipality can no longer send a new revision. */
export const REVISION_LOCKED_STATUSES: readonly ServerReportStatus[] = ['approved', 'consolidated'];

/** Decisions only the central level may take (the route answers 403 to anyone else). */
export function mayDecide(role: Role, decision: ReviewDecision): boolean {
  return decision !== 'consolidate' || role === 'central';
}

/**
 * Decides a review. Returns the new status, or why the decision is refused.
 * received → approve/return; approved → (central) return/consolidate; returned waits for a new revision.
 */
export function reviewTransition(
  status: ServerReportStatus,
  decision: ReviewDecision,
  role: Role,
): ServerReportStatus | 'report_locked' | 'invalid_transition' {
  if (status === 'consolidated') return 'report_locked';
  if (status === 'approved') {
    if (role !== 'central') return 'report_locked';
    if (decision === 'return') return 'returned';
    if (decision === 'consolidate') return 'consolidated';
    return 'invalid_transition';
  }
  if (status === 'received') {
    if (decision === 'approve') return 'approved';
    if (decision === 'return') return 'returned';
  }
  return 'invalid_transition';
}

/** True when `role` may take `decision` on a report in `status` (what the console offers). */
export function canDecide(status: ServerReportStatus, decision: ReviewDecision, role: Role): boolean {
  if (!mayDecide(role, decision)) return false;
  const next = reviewTransition(status, decision, role);
  return next !== 'report_locked' && next !== 'invalid_transition';
}
