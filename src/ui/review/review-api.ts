// The reviewer screens' network: GET/POST with the session token, a timeout on every request,
// answers parsed with the contract's schemas. The last answers are kept offline by
// src/db/remote-cache.ts (use-remote.ts).
import { isAbortError, isTimeoutError } from '../../domain/errors';
import {
  DuplicateListResponseSchema,
  DuplicateSchema,
  type Duplicate,
  PanelResponseSchema,
  ReportDetailSchema,
  ReportListResponseSchema,
  ReviewResponseSchema,
  type PanelResponse,
  type ReportDetail,
  type ReportListResponse,
  type ReviewRequest,
  type ReviewResponse,
} from '../../domain/api';
import {
  DeadlineStatusResponseSchema,
  PanelDeadlinesResponseSchema,
  type DeadlineStatusResponse,
  type PanelDeadlinesResponse,
} from '../../domain/deadline-settings';
import * as z from 'zod/mini';
import { MaterialListSchema, MaterialSchema, type Material } from '../../domain/material';
import type { MaterialMeta } from '../../domain/material-upload';
import type { ServerReportStatus } from '../../domain/status';
import { HighlightListSchema, HighlightResponseSchema, type Highlight, type HighlightRequest } from '../../domain/highlight';
import { createHttpClient, HttpError, type Fetch } from '../../sync/http';
import { PackageImportResponseSchema, type PackageImportRequest, type PackageImportResponse } from '../../domain/report-package-api';
import { REMOTE_FAILURE_TEXT, type RemoteFailure } from '../messages';

export type { RemoteFailure };

/** A failed request, with a pt-BR message ready to show (the server's own when it sent one). */
export class RemoteError extends Error {
  constructor(readonly kind: RemoteFailure, message = REMOTE_FAILURE_TEXT[kind]) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface RangeQuery {
  from: string;
  to: string;
  regional?: string;
}

/** The reviewer list's filters (GET /reports); `status` narrows the rows, not the counts. */
export interface ReportQuery {
  period: string;
  regional?: string;
  status?: ServerReportStatus;
}

/** Rows per "Carregar mais" */
export const REPORT_PAGE_SIZE = 100;

export interface ReviewApi {
  /**
   * The first `rows` reports of the list (pages of up to 500, one after the other), with the counts
   * by status; `after` instead: the page of `REPORT_PAGE_SIZE` that follows that cursor.
   */
  reports(q: ReportQuery, page?: { rows?: number; after?: string }): Promise<ReportListResponse>;
  report(id: string): Promise<ReportDetail>;
  review(id: string, body: ReviewRequest): Promise<ReviewResponse>;
  panel(q: RangeQuery): Promise<PanelResponse>;
  photo(sha256: string, signal?: AbortSignal): Promise<Blob>;
  actionsCsv(q: RangeQuery): Promise<Blob>;
  /** each municipality against the month's due date (#14) */
  deadlines(period: string, regional?: string): Promise<DeadlineStatusResponse>;
  /** on time / late / missing counts for the Painel (#14) */
  panelDeadlines(q: RangeQuery): Promise<PanelDeadlinesResponse>;
  /** central: second reports of a month found in existing data, waiting for a decision */
  duplicates(): Promise<Duplicate[]>;
  resolveDuplicate(reportId: string, resolution: 'merge' | 'discard'): Promise<Duplicate>;
  // issue #15: the Painel map and highlights
  /** the Painel's map as markup drawn by the endpoint (GET /panel/map) */
  panelMap(q: RangeQuery & { measure: MapMeasure; month: string }): Promise<string>;
  highlights(reportId: string): Promise<Highlight[]>;
  saveHighlight(body: HighlightRequest): Promise<Highlight>;
  unpublishHighlight(id: string): Promise<Highlight>;
  // issue #16: campaign materials (central uploads and deletes)
  materials(month: string): Promise<Material[]>;
  /** with a file: the metadata travels in the query; without one, a text tutorial as JSON */
  uploadMaterial(meta: MaterialMeta, file?: Blob): Promise<Material>;
  deleteMaterial(id: string): Promise<void>;
  /** Plan B (#17): a report received as files through WhatsApp */
  importPackage(body: PackageImportRequest): Promise<PackageImportResponse>;
}

export type MapMeasure = 'acoes' | 'situacao';

const rangeParams = (q: RangeQuery) =>
  new URLSearchParams({ from: q.from, to: q.to, ...(q.regional ? { regional: q.regional } : {}) }).toString();

export function toRemoteError(error: unknown, onExpired: () => void): RemoteError {
  if (error instanceof RemoteError) return error;
  if (error instanceof HttpError) {
    const message = error.body?.error?.message;
    if (error.status === 401) {
      onExpired();
      return new RemoteError('expired');
    }
    if (error.status === 403) return new RemoteError('forbidden', message);
    if (error.status === 404) return new RemoteError('not_found');
    if (error.status >= 400 && error.status < 500) return new RemoteError('refused', message);
    return new RemoteError('server');
  }
  if (isAbortError(error)) throw error;
  if (isTimeoutError(error) || (error as Error)?.name === 'TypeError') return new RemoteError('offline');
  return new RemoteError('server');
}

export function createReviewApi(opts: { fetch: Fetch; baseUrl: string; token: string; onExpired(): void; signal?: AbortSignal }): ReviewApi {
  const http = createHttpClient({ fetch: opts.fetch, baseUrl: opts.baseUrl, token: opts.token, signal: opts.signal });
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toRemoteError(error, opts.onExpired);
    }
  };
  const json = async (method: string, path: string, body?: unknown) => {
    const init = body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' };
    const res = await http.request(method, path, init);
    try {
      return await res.json();
    } catch {
      throw new RemoteError('server');
    }
  };
  const parsed = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new RemoteError('server');
    return r.data;
  };
  // The last answer and its ETag per path: an unchanged answer (304) gives back the same object,
  // so a quiet refresh changes nothing on screen.
  const tagged = new Map<string, { etag: string; value: unknown }>();
  const getTagged = async <T>(path: string, schema: Parameters<typeof parsed<T>>[0]): Promise<T> => {
    const known = tagged.get(path);
    const res = await http.request('GET', path, known ? { ifNoneMatch: known.etag } : {});
    if (res.status === 304 && known) return known.value as T;
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new RemoteError('server');
    }
    const value = parsed(schema, body);
    const etag = res.headers.get('etag');
    tagged.delete(path);
    if (etag) tagged.set(path, { etag, value });
    if (tagged.size > 64) tagged.delete(tagged.keys().next().value as string);
    return value;
  };
  return {
    reports: (q, page = {}) => call(async () => {
      const base = new URLSearchParams({ period: q.period, ...(q.regional ? { regional: q.regional } : {}), ...(q.status ? { status: q.status } : {}) });
      const pageAt = (limit: number, cursor?: string) =>
        getTagged(`/reports?${base}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ReportListResponseSchema);
      if (page.after) return pageAt(REPORT_PAGE_SIZE, page.after);
      // A refresh asks again for every row on screen: 500 a request (a month of the state is ≤ 853).
      const want = Math.max(REPORT_PAGE_SIZE, page.rows ?? 0);
      const first = await pageAt(Math.min(500, want));
      let { reports, nextCursor } = first;
      while (nextCursor && reports.length < want) {
        const next = await pageAt(Math.min(500, want - reports.length), nextCursor);
        reports = [...reports, ...next.reports];
        nextCursor = next.nextCursor;
      }
      return reports === first.reports ? first : { ...first, reports, nextCursor };
    }),
    report: (id) => call(async () => getTagged(`/reports/${encodeURIComponent(id)}`, ReportDetailSchema)),
    review: (id, body) => call(async () => parsed(ReviewResponseSchema, await json('POST', `/reports/${encodeURIComponent(id)}/reviews`, body))),
    panel: (q) => call(async () => parsed(PanelResponseSchema, await json('GET', `/panel?${rangeParams(q)}`))),
    photo: (sha256, signal) =>
      call(async () => {
        const res = await createHttpClient({ fetch: opts.fetch, baseUrl: opts.baseUrl, token: opts.token, signal }).request('GET', `/photos/${sha256}`);
        return res.blob();
      }),
    deadlines: (period, regional) =>
      call(async () => parsed(DeadlineStatusResponseSchema, await json('GET', `/deadlines/status?${new URLSearchParams({ period, ...(regional ? { regional } : {}) })}`))),
    panelDeadlines: (q) => call(async () => parsed(PanelDeadlinesResponseSchema, await json('GET', `/panel/deadlines?${rangeParams(q)}`))),
    duplicates: () => call(async () => parsed(DuplicateListResponseSchema, await json('GET', '/duplicates')).duplicates),
    materials: (month) => call(async () => parsed(MaterialListSchema, await json('GET', `/materials?month=${encodeURIComponent(month)}`)).materials),
    uploadMaterial: (meta, file) => call(async () => {
      const res = await (file
        ? http.request('POST', `/materials?${new URLSearchParams(Object.entries(meta).filter(([, v]) => v) as [string, string][])}`,
          { body: file, contentType: file.type || 'application/octet-stream', bytes: file.size })
        : http.request('POST', '/materials', { body: JSON.stringify(meta), contentType: 'application/json' })).catch((e) => {
        // the endpoint names each problem (issues): show them, not only "tem problemas a corrigir"
        const b = e instanceof HttpError ? (e.body?.error as { message?: string; issues?: { message: string }[] } | undefined) : undefined;
        throw b?.issues ? new RemoteError('refused', `${b.message} ${b.issues.map((i) => i.message).join('; ')}.`) : e;
      });
      return parsed(z.object({ material: MaterialSchema }), await res.json()).material;
    }),
    deleteMaterial: (id) => call(async () => void (await http.request('DELETE', `/materials/${encodeURIComponent(id)}`))),
    resolveDuplicate: (id, resolution) =>
      call(async () => parsed(z.object({ duplicate: DuplicateSchema }), await json('POST', `/duplicates/${encodeURIComponent(id)}/resolve`, { resolution })).duplicate),
    actionsCsv: (q) => call(async () => (await http.request('GET', `/exports/actions.csv?${rangeParams(q)}`)).blob()),
    panelMap: (q) => call(async () => (await http.request('GET', `/panel/map?${rangeParams(q)}&medida=${q.measure}&mes=${q.month}`)).text()),
    highlights: (reportId) => call(async () => parsed(HighlightListSchema, await json('GET', `/highlights?report=${encodeURIComponent(reportId)}`)).highlights),
    saveHighlight: (body) => call(async () => parsed(HighlightResponseSchema, await json('POST', '/highlights', body)).highlight),
    importPackage: (body) => call(async () => {
      const text = JSON.stringify(body);
      const res = await http.request('POST', '/report-packages', { body: text, contentType: 'application/json', bytes: text.length });
      return parsed(PackageImportResponseSchema, await res.json().catch(() => undefined));
    }),
    unpublishHighlight: (id) => call(async () => parsed(HighlightResponseSchema, await json('POST', `/highlights/${encodeURIComponent(id)}/unpublish`, {})).highlight),
  };
}
