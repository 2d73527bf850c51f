// Lazy module: the ready-to-send check over the phone's rows (pulls zod; never first-load).
import { actionsOfReport } from '../db/actions';
import type { MobilizaDb } from '../db/database';
import { buildSubmission, validateSubmission, type ValidationIssue } from '../domain/report';

export interface ReportCheck {
  issues: ValidationIssue[];
  /** action ids in number order, to turn "actions.N" paths into links */
  actionIds: string[];
}

export async function checkReport(db: MobilizaDb, reportId: string, now = new Date()): Promise<ReportCheck | undefined> {
  return db.transaction('r', db.reports, db.actions, db.photos, async () => {
    const report = await db.reports.get(reportId);
    if (!report) return undefined;
    const actions = await actionsOfReport(db, reportId);
    const photos = await db.photos.where('reportId').equals(reportId).toArray();
    const submission = JSON.parse(JSON.stringify(buildSubmission(report, actions, photos, now)));
    const result = validateSubmission(submission, now);
    return { issues: result.success ? [] : result.issues, actionIds: actions.map((a) => a.id) };
  });
}
