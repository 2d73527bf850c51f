// The municipality's reports follow the agent (issue #12): after sign-in and on every status pull
// the phone downloads the reports of the last 13 months it lacks (content now, photos when opened).
import { HISTORY_MONTHS, MunicipalityReportsResponseSchema, ReportDetailSchema, type ReportDetail, type ReportSummary } from '../domain/api';
import type { ReportDraft } from '../domain/report';
import { RemoteSubmissionSchema, headerOfSubmission, marksOf, rowsOfSubmission, type LocalRows } from '../domain/remote-report';
import type { Session } from '../domain/session';
import type { MobilizaDb } from '../db/database';
import { photosWithoutBlob, reportsToDownload, saveRemoteReport, storePhotoBlob } from '../db/history';
import { periodOfDate, shiftPeriod } from '../domain/period';
import type { HttpClient } from './http';
import { applySummary } from './pull-status';

/** One downloaded report as the phone's rows: status, revision and message as a status pull sets them. */
export function remoteRows(
  detail: Pick<ReportDetail, 'report' | 'revision' | 'protocol' | 'status' | 'receivedAt' | 'reviews'>,
  ownerId: string,
  now: Date,
): { report: ReportDraft; rows: LocalRows } | undefined {
  const parsed = RemoteSubmissionSchema.safeParse(detail.report);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const at = now.toISOString();
  const rows = rowsOfSubmission(s, s.id, at);
  const base: ReportDraft = {
    id: s.id, ownerId, municipalityCode: s.municipalityCode, period: s.period, ...headerOfSubmission(s),
    status: 'received', revision: detail.revision, deliveredRevision: detail.revision,
    protocol: detail.protocol, receivedAt: detail.receivedAt, createdAt: at, updatedAt: at,
  };
  const review = detail.reviews.at(-1) ?? null;
  const summary: ReportSummary = {
    id: s.id, municipalityCode: s.municipalityCode, period: s.period, revision: detail.revision, protocol: detail.protocol,
    status: detail.status, receivedAt: detail.receivedAt, actionCount: rows.actions.length, photoCount: rows.photos.length, lastReview: review,
  };
  const report: ReportDraft = { ...base, ...applySummary({ ...base, deliveredRevision: 0 }, summary), deliveredRevision: detail.revision };
  if (report.status === 'returned') report.marks = marksOf(rows.actions, review?.actionNumbers, at);
  return { report, rows };
}

/**
 * Downloads the municipality's last 13 months and stores the reports the phone lacks (or mirrors an
 * older revision of). With the status pull's `summaries`, asks only when one of them is new to the
 * phone or newer than its copy.
 */
export async function pullHistory(db: MobilizaDb, http: HttpClient, session: Session, now: () => number, summaries?: readonly ReportSummary[]): Promise<number> {
  const code = session.user.municipalityCode;
  if (session.user.role !== 'agent' || !code) return 0;
  if (summaries) {
    const from = shiftPeriod(periodOfDate(new Date(now())), -(HISTORY_MONTHS - 1));
    const wanted = await reportsToDownload(db, session.user.id, summaries.filter((s) => s.period >= from));
    if (!wanted) return 0;
  }
  const res = await http.request('GET', `/municipalities/${encodeURIComponent(code)}/reports`);
  const parsed = MunicipalityReportsResponseSchema.safeParse(await res.json());
  if (!parsed.success) return 0;
  let stored = 0;
  for (const detail of parsed.data.reports) {
    const remote = remoteRows(detail, session.user.id, new Date(now()));
    if (!remote) continue;
    const r = await saveRemoteReport(db, remote.report, remote.rows);
    if (r === 'added' || r === 'refreshed') stored++;
  }
  return stored;
}

/** The month's existing report (for the conflict merge), as rows for this phone. */
export async function fetchExisting(http: HttpClient, id: string, ownerId: string, now: Date): Promise<{ report: ReportDraft; rows: LocalRows } | undefined> {
  const res = await http.request('GET', `/reports/${encodeURIComponent(id)}`);
  const detail = ReportDetailSchema.safeParse(await res.json());
  return detail.success ? remoteRows(detail.data, ownerId, now) : undefined;
}

/**
 * Fetches the photos of a downloaded report at their stored size and caches them in IndexedDB
 * (called when the agent opens the report). Returns how many are still missing.
 */
export async function fetchReportPhotos(db: MobilizaDb, http: HttpClient, reportId: string): Promise<number> {
  const missing = [...new Map((await photosWithoutBlob(db, reportId)).map((p) => [p.sha256, p])).values()];
  let left = missing.length;
  for (const p of missing) {
    const res = await http.request('GET', `/photos/${p.sha256}`);
    const blob = await res.blob();
    await storePhotoBlob(db, p.sha256, new Blob([blob], { type: p.mimeType }));
    left--;
  }
  return left;
}
