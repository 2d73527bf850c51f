// Page-only outbox commands: they run the ready-to-send check (zod), which the service worker never needs.
import { buildSubmission, validateSubmission, type ReportDraft, type ValidationIssue } from '../domain/report';
import type { OutboxItem } from '../domain/outbox';
import { actionsOfReport } from './actions';
import { NotFoundError, ReportLockedError, type MobilizaDb } from './database';
import { localPartners } from './partners';
import { EDITABLE_STATUSES } from './reports';
import { isSettled } from '../domain/status';

export class NotReadyError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`report is not ready: ${issues.length} problem(s)`);
    this.name = 'NotReadyError';
  }
}

export interface ReportCheck {
  issues: ValidationIssue[];
  /** action ids in number order, to turn "actions.N" paths into links */
  actionIds: string[];
}

/** The submission the report would send now, and the ready-to-send check over it (call inside a transaction). */
async function readiness(db: MobilizaDb, report: ReportDraft, now: Date) {
  const actions = await actionsOfReport(db, report.id);
  const photos = await db.photos.where('reportId').equals(report.id).toArray();
  const submission = JSON.parse(JSON.stringify(buildSubmission(report, actions, photos, now)));
  // Partners created on this phone travel with the first report that names them (#16).
  const created = await localPartners(db, [...new Set(actions.flatMap((a) => a.partners.flatMap((p) => (p.partnerId ? [p.partnerId] : []))))]);
  if (created.length) {
    // the registry's own fields only (empty contact fields are accepted as empty)
    submission.partners = created.map(({ ownerId: _o, municipalityCode: _m, nameKey: _k, status: _s, local: _l, ...p }) => p);
  }
  const result = validateSubmission(submission, now);
  return { submission, photos, actionIds: actions.map((a) => a.id), issues: result.success ? [] : result.issues };
}

/** "Verificar e enviar" and the list's "what is still missing": every problem, each with its field. */
export async function checkReport(db: MobilizaDb, reportId: string, now = new Date()): Promise<ReportCheck | undefined> {
  return db.transaction('r', [db.reports, db.actions, db.photos, db.partners], async () => {
    const report = await db.reports.get(reportId);
    if (!report) return undefined;
    const { issues, actionIds } = await readiness(db, report, now);
    return { issues, actionIds };
  });
}

/**
 * "Enviar relatório": checks the report, freezes it as its current revision and queues it — the
 * status change and the outbox row are written in one transaction.
 */
export async function queueReport(db: MobilizaDb, reportId: string, now = new Date()): Promise<OutboxItem> {
  return db.transaction('rw', [db.reports, db.actions, db.photos, db.outbox, db.partners], async () => {
    const report = await db.reports.get(reportId);
    if (!report) throw new NotFoundError('report');
    if (!EDITABLE_STATUSES.includes(report.status)) throw new ReportLockedError(report.status);
    const { submission, photos, issues } = await readiness(db, report, now);
    if (issues.length) throw new NotReadyError(issues);
    const item: OutboxItem = {
      reportId,
      revision: report.revision,
      ownerId: report.ownerId,
      body: JSON.stringify(submission),
      photoHashes: [...new Set(photos.map((p) => p.sha256))],
      queuedAt: now.toISOString(),
      attempts: 0,
      nextAttemptAt: now.getTime(),
      uploaded: [],
    };
    await db.outbox.put(item);
    await db.reports.put({ ...report, status: 'queued', statusNote: undefined, updatedAt: now.toISOString() });
    return item;
  });
}

/**
 * "Editar" on a queued or delivered report: makes revision N+1 as an editable draft. A queued,
 * undelivered revision N is dropped from the outbox (N+1 replaces it).
 */
export async function reviseReport(db: MobilizaDb, reportId: string, now = new Date()): Promise<ReportDraft> {
  return db.transaction('rw', db.reports, db.outbox, async () => {
    const report = await db.reports.get(reportId);
    if (!report) throw new NotFoundError('report');
    if (EDITABLE_STATUSES.includes(report.status)) return report;
    if (isSettled(report.status)) throw new ReportLockedError(report.status);
    await db.outbox.delete(reportId);
    const next: ReportDraft = { ...report, status: 'draft', revision: report.revision + 1, statusNote: undefined, updatedAt: now.toISOString() };
    await db.reports.put(next);
    return next;
  });
}

