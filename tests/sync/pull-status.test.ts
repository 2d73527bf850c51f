import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../src/domain/api';
import type { ReportDraft } from '../../src/domain/report';
import { applySummary } from '../../src/sync/pull-status';

const report = (patch: Partial<ReportDraft> = {}): ReportDraft => ({
  id: 'r1', ownerId: 'u', municipalityCode: '3106200', period: '2026-11', responsible: { name: 'Ana', role: '', phone: '', email: '' },
  notes: '', noActionsJustification: '', status: 'received', revision: 1, createdAt: '', updatedAt: '', protocol: 'P-1', deliveredRevision: 1, ...patch,
});
const summary = (patch: Partial<ReportSummary> = {}): ReportSummary =>
  ({ id: 'r1', protocol: 'P-1', status: 'received', revision: 1, receivedAt: '2026-11-20T10:00:00.000Z', ...patch }) as ReportSummary;
const review = { decision: 'return', comment: 'Falta a foto', by: { login: 'rita', name: 'Rita', role: 'regional' }, at: '2026-11-22T10:00:00.000Z', revision: 1 };

describe('applySummary', () => {
  it('a returned report becomes editable as the next revision, with who returned it and why (as data)', () => {
    expect(applySummary(report(), summary({ status: 'returned', lastReview: review } as Partial<ReportSummary>))).toMatchObject({
      status: 'returned', revision: 2, statusNote: { code: 'returned', detail: { by: 'Rita', at: review.at, comment: 'Falta a foto' } },
    });
  });

  it('approved and consolidated carry their code', () => {
    expect(applySummary(report(), summary({ status: 'approved' }))).toMatchObject({ status: 'approved', statusNote: { code: 'approved' } });
    expect(applySummary(report({ status: 'approved' }), summary({ status: 'consolidated' }))).toMatchObject({ status: 'consolidated', statusNote: { code: 'consolidated' } });
  });

  it('leaves alone a report not delivered yet, an older revision, and a status already known', () => {
    expect(applySummary(report({ status: 'draft' }), summary({ status: 'approved' }))).toBeUndefined();
    expect(applySummary(report({ deliveredRevision: 2 }), summary({ status: 'approved', revision: 1 }))).toBeUndefined();
    expect(applySummary(report({ status: 'approved' }), summary({ status: 'approved' }))).toBeUndefined();
    expect(applySummary(report({ status: 'approved' }), summary({ status: 'received' }))).toBeUndefined();
  });

  it('records a new protocol or revision even when the status is the same', () => {
    expect(applySummary(report(), summary({ protocol: 'P-2', revision: 2 }))).toMatchObject({ protocol: 'P-2', deliveredRevision: 2, status: 'received' });
    expect(applySummary(report({ status: 'returned' }), summary({ status: 'received' }))).toBeUndefined(); // a stale 'received' never undoes a review
    expect(applySummary(report({ status: 'approved' }), summary({ status: 'approved', protocol: 'P-2' }))).toMatchObject({ protocol: 'P-2', status: 'approved' });
  });
});
