// Page helpers over the history pull with this context's real world (fetch, endpoint, session).
import type { MobilizaDb } from '../db/database';
import { mergeIntoExisting, MergeRefusedError } from '../db/history';
import { getReport } from '../db/reports';
import { markPartnerActive } from '../db/partners';
import { getSession } from '../db/session';
import type { ReportDraft } from '../domain/report';
import { apiBaseUrl } from './config';
import { createHttpClient, type HttpClient } from './http';
import { fetchExisting, fetchReportPhotos } from './pull-history';

export class NotSignedInError extends Error {
  constructor() {
    super('not signed in');
    this.name = 'NotSignedInError';
  }
}

async function httpHere(db: MobilizaDb): Promise<{ http: HttpClient; ownerId: string }> {
  const session = await getSession(db);
  if (!session || session.expired) throw new NotSignedInError();
  return { http: createHttpClient({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl(), token: session.token }), ownerId: session.user.id };
}

/** Fetches and caches the photos of a downloaded report (when the agent opens it). */
export async function fetchPhotosHere(db: MobilizaDb, reportId: string): Promise<number> {
  const { http } = await httpHere(db);
  return fetchReportPhotos(db, http, reportId);
}

/**
 * "Juntar minhas ações": fetches the month's existing report as it is now and appends the local
 * draft's actions as its next revision (throws MergeRefusedError when it is approved/consolidated).
 */
export async function mergeHere(db: MobilizaDb, localId: string): Promise<ReportDraft> {
  const local = await getReport(db, localId);
  if (!local?.conflict) throw new Error('no conflict to resolve');
  const { http, ownerId } = await httpHere(db);
  const existing = await fetchExisting(http, local.conflict.id, ownerId, new Date());
  if (!existing) throw new Error('existing report unreadable');
  const status = existing.report.status;
  if (status !== 'received' && status !== 'returned') throw new MergeRefusedError(status);
  return mergeIntoExisting(db, localId, existing.report, existing.rows);
}

/** "Confirmar inscrição": the agent confirms a public sign-up of its municipality (#16), online. */
export async function confirmPartnerHere(db: MobilizaDb, id: string): Promise<void> {
  const { http } = await httpHere(db);
  await http.request('POST', `/partners/${encodeURIComponent(id)}/confirm`);
  await markPartnerActive(db, id);
}
