import { ReportSummarySchema, type ReportSummary } from '../domain/api';
import type { Session } from '../domain/session';
import type { ReportDraft } from '../domain/report';
import { SERVER_REPORT_STATUSES, type ReportStatus } from '../domain/status';
import type { MobilizaDb } from '../db/database';
import { applyMarks } from '../db/history';
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

const MAX_STATUS_PAGES = 10;

/** The endpoint's list of the agent's municipality's reports (the status pull), newest first, following the cursor a few pages at most. */
export async function fetchSummaries(http: HttpClient, session: Session): Promise<ReportSummary[]> {
  const code = session.user.municipalityCode;
  if (session.user.role !== 'agent' || !code) return [];
  const rows: ReportSummary[] = [];
  let cursor: string | null | undefined;
  for (let page = 0; page < MAX_STATUS_PAGES; page++) {
    const res = await http.request('GET', `/reports?municipality=${encodeURIComponent(code)}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const body = (await res.json()) as { reports?: unknown[]; nextCursor?: unknown } | unknown[];
    for (const r of Array.isArray(body) ? body : body.reports ?? []) {
      const parsed = ReportSummarySchema.safeParse(r);
      if (parsed.success) rows.push(parsed.data);
    }
    cursor = Array.isArray(body) || typeof body.nextCursor !== 'string' ? null : body.nextCursor;
    if (!cursor) break;
  }
  return rows;
}

/** After a successful drain: apply the endpoint's statuses to the agent's reports (returned, approved…). */
export async function pullStatus(db: MobilizaDb, session: Session, rows: readonly ReportSummary[], now: () => number): Promise<number> {
  const changed = await patchOwnReports(db, session.user.id, rows.map((r) => r.id), (report, i) => applySummary(report, rows[i]), new Date(now()));
  // The actions a return marked for correction reach the phone with the status.
  for (const r of rows) {
    const review = r.lastReview;
    if (r.status === 'returned' && review?.decision === 'return' && review.actionNumbers?.length) {
      await applyMarks(db, session.user.id, r.id, review.actionNumbers, review.at);
    }
  }
  return changed;
}
