// The review state machine of src/domain/review.ts: every status × decision × role.
import { describe, expect, it } from 'vitest';
import type { ReviewDecision, Role } from '../../src/domain/api.ts';
import { canDecide, mayDecide, reviewTransition } from '../../src/domain/review.ts';
import type { ServerReportStatus } from '../../src/domain/status.ts';

const REVIEWERS: Role[] = ['regional', 'central'];

describe('reviewTransition', () => {
  it('received: anyone reviewing approves or returns; consolidating needs an approval first', () => {
    for (const role of REVIEWERS) {
      expect(reviewTransition('received', 'approve', role)).toBe('approved');
      expect(reviewTransition('received', 'return', role)).toBe('returned');
      expect(reviewTransition('received', 'consolidate', role)).toBe('invalid_transition');
    }
  });

  it('approved: locked for the regional unit; central returns or consolidates', () => {
    const regional = (['approve', 'return', 'consolidate'] as ReviewDecision[]).map((d) => reviewTransition('approved', d, 'regional'));
    expect(regional).toEqual(['report_locked', 'report_locked', 'report_locked']);
    expect(reviewTransition('approved', 'return', 'central')).toBe('returned');
    expect(reviewTransition('approved', 'consolidate', 'central')).toBe('consolidated');
    expect(reviewTransition('approved', 'approve', 'central')).toBe('invalid_transition');
  });

  it('consolidated is final; returned waits for a new revision', () => {
    for (const role of REVIEWERS) {
      for (const d of ['approve', 'return', 'consolidate'] as ReviewDecision[]) {
        expect(reviewTransition('consolidated', d, role)).toBe('report_locked');
        expect(reviewTransition('returned', d, role)).toBe('invalid_transition');
      }
    }
  });

  it('canDecide offers exactly what the store accepts, and only central consolidates', () => {
    expect(mayDecide('regional', 'consolidate')).toBe(false);
    expect(mayDecide('central', 'consolidate')).toBe(true);
    expect(mayDecide('regional', 'approve')).toBe(true);
    const offered = (status: ServerReportStatus, role: Role) =>
      (['approve', 'return', 'consolidate'] as ReviewDecision[]).filter((d) => canDecide(status, d, role));
    expect(offered('received', 'regional')).toEqual(['approve', 'return']);
    expect(offered('received', 'central')).toEqual(['approve', 'return']);
    expect(offered('approved', 'regional')).toEqual([]);
    expect(offered('approved', 'central')).toEqual(['return', 'consolidate']);
    expect(offered('returned', 'central')).toEqual([]);
    expect(offered('consolidated', 'central')).toEqual([]);
  });
});
