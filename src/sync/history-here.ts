// Page helpers over the history pull with this context's real world (fetch, endpoint, session).
import type { MobilizaDb } from '../db/database';
import { mergeIntoExisting, MergeRefusedError } from '../db/history';
import { getReport } from '../db/reports';
import { dropPartner, markPartnerActive } from '../db/partners';
import { getSession } from '../db/session';
import { PartnerHistoryItemSchema, type PartnerHistoryItem } from '../domain/partner';
import type { ReportDraft } from '../domain/report';
import type { Session } from '../domain/session';
import * as z from 'zod/mini';
import { apiBaseUrl } from './config';
import { createHttpClient, type HttpClient } from './http';
import { fetchExisting, fetchReportPhotos } from './pull-history';
import { pullPartners } from './pull-partners';

export class NotSignedInError extends Error {
  constructor() {
    super('not signed in');
    this.name = 'NotSignedInError';
  }
}

async function httpHere(db: MobilizaDb, signal?: AbortSignal): Promise<{ http: HttpClient; ownerId: string; session: Session }> {
  const session = await getSession(db);
  if (!session || session.expired) throw new NotSignedInError();
  return { http: createHttpClient({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl(), token: session.token, signal }), ownerId: session.user.id, session };
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

/**
 * "Confirmar inscrição": the agent confirms a public sign-up of its municipality (#16), online.
 * The registry is downloaded again afterwards: a sign-up whose name the municipality already had
 * was merged into that partner at the endpoint (best effort; the row is marked active first).
 */
export async function confirmPartnerHere(db: MobilizaDb, id: string): Promise<{ mergedInto?: string }> {
  const { http, session } = await httpHere(db);
  const res = await http.request('POST', `/partners/${encodeURIComponent(id)}/confirm`);
  const body = (await res.json().catch(() => ({}))) as { mergedInto?: unknown };
  await markPartnerActive(db, id);
  await pullPartners(db, http, session).catch(() => 0);
  return typeof body.mergedInto === 'string' ? { mergedInto: body.mergedInto } : {};
}

/** "Recusar": the sign-up is refused at the endpoint (its contact data erased there) and leaves the phone. */
export async function rejectPartnerHere(db: MobilizaDb, id: string): Promise<void> {
  const { http } = await httpHere(db);
  await http.request('POST', `/partners/${encodeURIComponent(id)}/reject`);
  await dropPartner(db, id);
}

/** Downloads the municipality's registry now (the partners screen, online). */
export async function refreshPartnersHere(db: MobilizaDb): Promise<number> {
  const { http, session } = await httpHere(db);
  return pullPartners(db, http, session);
}

const HistoryResponse = z.object({ history: z.array(PartnerHistoryItemSchema) });

/** A partner's actions in every report of the municipality (GET /partners/{id}), online. */
export async function partnerHistoryHere(db: MobilizaDb, id: string, signal?: AbortSignal): Promise<PartnerHistoryItem[]> {
  const { http } = await httpHere(db, signal);
  const r = HistoryResponse.safeParse(await (await http.request('GET', `/partners/${encodeURIComponent(id)}`)).json().catch(() => undefined));
  if (!r.success) throw new Error('unreadable partner history');
  return r.data.history;
}
