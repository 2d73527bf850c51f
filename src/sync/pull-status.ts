import { ReportSummarySchema, type ReportSummary } from '../domain/api';
import type { Session } from '../domain/session';
import type { ReportDraft } from '../domain/report';
import { SERVER_REPORT_STATUSES, type ReportStatus } from '../domain/status';
import type { MobilizaDb } from '../db/database';
import { patchOwnReports } from '../db/reports';
import type { HttpClient } from './http';

/** What a server status means for the phone's copy (undefined: leave it as it is). */
export function applySummary(report: ReportDraft, s: ReportSummary): Partial<ReportDraft> | undefined {
  const delivered = (SERVER_REPORT_STATUSES as readonly ReportStatus[]).includes(report.status);
  if (!delivered || s.revision < (report.deliveredRevision ?? 0)) return undefined;
  const review = s.lastReview;
  const who = review ? { by: review.by.name, at: review.at } : {};
  const next: Partial<ReportDraft> = { protocol: s.protocol, receivedAt: s.receivedAt, deliveredRevision: s.revision };
  let status: ReportStatus = report.status;
  if (s.status === 'returned' && report.status !== 'returned') {
    status = 'returned';
    next.revision = s.revision + 1; // corrections go out as a new revision
    next.statusNote = { code: 'returned', detail: { ...who, comment: review?.comment ?? '' } };
  } else if (s.status === 'approved' && report.status !== 'approved') {
    status = 'approved';
    next.statusNote = { code: 'approved', detail: who };
  } else if (s.status === 'consolidated' && report.status !== 'consolidated') {
    status = 'consolidated';
    next.statusNote = { code: 'consolidated' };
  } else if (s.status === 'received' && report.status !== 'received') {
    return undefined;
  }
  if (status === report.status && report.protocol === s.protocol && report.deliveredRevision === s.revision) return undefined;
  return { ...next, status };
}

/** After a successful drain: fetch the status of the agent's reports (returned, approved…). */
export async function pullStatus(db: MobilizaDb, http: HttpClient, session: Session, now: () => number): Promise<number> {
  const code = session.user.municipalityCode;
  if (session.user.role !== 'agent' || !code) return 0;
  const res = await http.request('GET', `/reports?municipality=${encodeURIComponent(code)}`);
  const body = (await res.json()) as { reports?: unknown[] } | unknown[];
  const rows = (Array.isArray(body) ? body : body.reports ?? []).flatMap((r) => {
    const parsed = ReportSummarySchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  return patchOwnReports(db, session.user.id, rows.map((r) => r.id), (report, i) => applySummary(report, rows[i]), new Date(now()));
}
