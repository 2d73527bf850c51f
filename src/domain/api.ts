// The HTTP contract of the regional endpoint (/api/v1). Error bodies: {"error": {code, message, …}}.
// zod/mini keeps this small: the service worker reads these answers too.
import * as z from 'zod/mini';
import { LIMITS } from './limits';
import { SHA256_RE } from './photo';
import { SERVER_REPORT_STATUSES } from './status';

export const API_PREFIX = '/api/v1';

export const ERROR_CODES = [
  'invalid_credentials',
  'rate_limited',
  'unauthenticated',
  'forbidden',
  'not_found',
  'hash_mismatch',
  'too_large',
  'unsupported_media_type',
  'missing_photos',
  'revision_conflict',
  'report_locked',
  'invalid_report',
  'invalid_request',
  'invalid_review',
  'invalid_transition',
  'internal_error',
  'period_taken',
  'already_resolved',
  'unavailable',
  // push notifications and due dates (#14)
  'no_subscription',
  'push_gone',
  'push_failed',
  'invalid_deadlines',
  // account management (accounts-api.ts)
  'access_code_invalid',
  'access_code_used',
  'access_code_expired',
  'account_disabled',
  'invalid_account',
  'login_taken',
  'wrong_password',
  'invalid_csv',
  'too_many_rows',
  // issue #15: highlights
  'consent_required',
  // issue #16: campaign materials
  'invalid_material',
  // issue #17: Plan B report packages
  'package_invalid',
  'package_tampered',
  'package_wrong_municipality',
  'package_photo_missing',
  'package_photo_altered',
  'package_out_of_scope',
  'device_unknown',
  'device_revoked',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    missing: z.optional(z.array(z.string())),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const ROLES = ['agent', 'regional', 'central'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  municipalityCode: z.optional(z.string()),
  // one of REGIONALS (municipality.ts); not refined here so the service worker needs no data file
  regional: z.optional(z.string()),
});
export type User = z.infer<typeof UserSchema>;

export const LoginRequestSchema = z.strictObject({
  login: z.string().check(z.trim(), z.minLength(1, { error: 'informe o usuário' }), z.maxLength(100)),
  password: z.string().check(z.minLength(1, { error: 'informe a senha' }), z.maxLength(200)),
  deviceName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
  /** Plan B (#17): this device session's id and the secret that signs its report packages */
  device: z.optional(z.object({ id: z.string(), secret: z.string() })),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Answer to PUT /api/v1/reports/{id} (201 first time, 200 for a repeat). */
export const ReportReceiptSchema = z.object({
  id: z.string(),
  revision: z.number(),
  protocol: z.string(),
  receivedAt: z.string(),
  status: z.enum(SERVER_REPORT_STATUSES),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

export const REVIEW_DECISIONS = ['approve', 'return', 'consolidate'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ReviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.optional(z.string()),
  actionNumbers: z.optional(z.array(z.number())),
  by: z.object({ login: z.string(), name: z.string(), role: z.enum(ROLES) }),
  at: z.string(),
  revision: z.number(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** One row of GET /api/v1/reports (status pull on the phone, lists for reviewers). */
export const ReportSummarySchema = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  period: z.string(),
  revision: z.number(),
  protocol: z.string(),
  status: z.enum(SERVER_REPORT_STATUSES),
  receivedAt: z.string(),
  actionCount: z.number(),
  photoCount: z.number(),
  lastReview: z.optional(z.nullable(ReviewSchema)),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/**
 * GET /api/v1/reports → { reports: [...], nextCursor } (newest period first), one page: pass
 * `cursor=<nextCursor>` for the next one; `nextCursor` null on the last page.
 */
export const ReportListResponseSchema = z.object({
  reports: z.array(ReportSummarySchema),
  nextCursor: z.optional(z.nullable(z.string())),
  /** first page only: the reports matching the filters except `status`, by status (#11) */
  counts: z.optional(z.record(z.enum(SERVER_REPORT_STATUSES), z.number())),
});
export type ReportListResponse = z.infer<typeof ReportListResponseSchema>;

/** GET /api/v1/reports/{id}: the latest revision as submitted, its state and every review. */
export const ReportDetailSchema = z.object({
  report: z.record(z.string(), z.unknown()),
  revision: z.number(),
  protocol: z.string(),
  status: z.enum(SERVER_REPORT_STATUSES),
  receivedAt: z.string(),
  municipality: z.object({ code: z.string(), name: z.string(), regional: z.string() }),
  reviews: z.array(ReviewSchema),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

/**
 * POST /api/v1/reports/{id}/reviews. "return" needs a comment; `revision`, when given, must be the
 * report's current revision (409 revision_conflict otherwise); `actionNumbers` points at the
 * actions to fix.
 */
export const ReviewRequestSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS, { error: 'decisão inválida (approve, return ou consolidate)' }),
    comment: z.optional(
      z.string({ error: 'comentário: deve ser um texto' }).check(
        z.trim(),
        z.maxLength(LIMITS.notesChars, { error: `comentário: no máximo ${LIMITS.notesChars} caracteres` }),
      ),
    ),
    revision: z.optional(z.int({ error: 'revisão inválida' }).check(z.gte(1))),
    actionNumbers: z.optional(
      z.array(z.int().check(z.gte(1), z.lte(LIMITS.actionsPerReport))).check(z.maxLength(LIMITS.actionsPerReport)),
    ),
  })
  .check(
    z.refine((r) => r.decision !== 'return' || !!r.comment, {
      path: ['comment'],
      error: 'para devolver o relatório, escreva um comentário explicando o que corrigir',
    }),
  );
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** 201 answer to a review: the review and the report's new status. */
export const ReviewResponseSchema = z.object({
  review: ReviewSchema,
  status: z.enum(SERVER_REPORT_STATUSES),
});
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;

/** "MG-2026-11-3106200-0001": period, municipality and a per-municipality-and-period sequence. */
export function formatProtocol(period: string, municipalityCode: string, sequence: number): string {
  return `MG-${period}-${municipalityCode}-${String(sequence).padStart(4, '0')}`;
}

export const PROTOCOL_RE = /^MG-\d{4}-\d{2}-\d{7}-\d{4,}$/;

const Count = z.number();

/** One bar of a Painel breakdown: a slug (theme, action type) or a period, and how many. */
export const PanelCountSchema = z.object({ key: z.string(), count: Count });
export type PanelCount = z.infer<typeof PanelCountSchema>;

/**
 * GET /api/v1/panel?from=YYYY-MM&to=YYYY-MM&regional=… — the "Painel das Ações de Mobilização
 * Social" over a month range. Actions and participants come from the latest revision of each
 * report that is received, approved or consolidated (a returned report counts again once its
 * corrected revision arrives). An action with two themes counts once for each theme.
 */
export const PanelResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** the regional unit the figures cover; null = the whole state */
  regional: z.nullable(z.string()),
  generatedAt: z.string(),
  totals: z.object({
    actions: Count,
    participants: Count,
    /** every report of the range, whatever its status */
    reports: Count,
    /** approved + consolidated */
    reportsApproved: Count,
    /** municipalities in scope (853 for the state) */
    municipalities: Count,
    /** municipalities with at least one received, approved or consolidated report in the range */
    municipalitiesReporting: Count,
  }),
  reportsByStatus: z.object({ received: Count, returned: Count, approved: Count, consolidated: Count }),
  byTheme: z.array(PanelCountSchema),
  byType: z.array(PanelCountSchema),
  byMonth: z.array(z.object({ period: z.string(), actions: Count, participants: Count, reports: Count })),
  byRegional: z.array(
    z.object({ regional: z.string(), actions: Count, participants: Count, reports: Count, municipalities: Count, municipalitiesReporting: Count }),
  ),
  topMunicipalities: z.array(z.object({ code: z.string(), name: z.string(), regional: z.string(), actions: Count, participants: Count })),
  /** every municipality with counted actions in the range (for the map), by IBGE code */
  byMunicipality: z.optional(z.array(z.object({ code: z.string(), actions: Count, participants: Count }))),
  /** IBGE codes of the municipalities counted in municipalitiesReporting */
  municipalitiesReportingCodes: z.optional(z.array(z.string())),
});
export type PanelResponse = z.infer<typeof PanelResponseSchema>;

// --- One report per municipality and month (issue #12) ---

/**
 * The report a municipality already has for a month: the `existing` of 409 period_taken, which a
 * phone shows as "Já existe um relatório de <mês> (protocolo …, enviado por …)".
 */
export const ExistingReportSchema = z.object({
  id: z.string(),
  period: z.string(),
  protocol: z.string(),
  revision: z.number(),
  status: z.enum(SERVER_REPORT_STATUSES),
  receivedAt: z.string(),
  /** display name of the account that sent the latest revision */
  sentBy: z.string(),
});
export type ExistingReport = z.infer<typeof ExistingReportSchema>;

/** Body of 409 period_taken. */
export const PeriodTakenErrorSchema = z.object({
  error: z.looseObject({ code: z.literal('period_taken'), message: z.string(), existing: ExistingReportSchema }),
});

/** One row of GET /api/v1/duplicates: a second report of a month, waiting for a central decision. */
export const DuplicateSchema = z.object({
  reportId: z.string(),
  municipalityCode: z.string(),
  period: z.string(),
  foundAt: z.string(),
  duplicate: z.object({ protocol: z.string(), revision: z.number(), status: z.enum(SERVER_REPORT_STATUSES), actionCount: z.number(), receivedAt: z.string() }),
  kept: z.object({ id: z.string(), protocol: z.string(), revision: z.number(), status: z.enum(SERVER_REPORT_STATUSES), actionCount: z.number(), receivedAt: z.string() }),
  resolution: z.nullable(z.enum(['merged', 'discarded'])),
  mergedRevision: z.nullable(z.number()),
  resolvedAt: z.nullable(z.string()),
  resolvedBy: z.nullable(z.string()),
});
export type Duplicate = z.infer<typeof DuplicateSchema>;
export const DuplicateListResponseSchema = z.object({ duplicates: z.array(DuplicateSchema) });
export type DuplicateListResponse = z.infer<typeof DuplicateListResponseSchema>;

/** POST /api/v1/duplicates/{reportId}/resolve. */
export const ResolveDuplicateRequestSchema = z.strictObject({
  resolution: z.enum(['merge', 'discard'], { error: 'decisão inválida (merge ou discard)' }),
});
export type ResolveDuplicateRequest = z.infer<typeof ResolveDuplicateRequestSchema>;

/** Months of a municipality's history a phone keeps (the current one and the 12 before it). */
export const HISTORY_MONTHS = 13;

/**
 * GET /api/v1/municipalities/{code}/reports: the municipality's reports of the last
 * HISTORY_MONTHS months (one per month, so at most 13), each with its latest revision's content
 * and every review — what a new phone downloads after sign-in.
 */
export const MunicipalityReportsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  reports: z.array(z.extend(ReportDetailSchema, { id: z.string(), period: z.string() })),
});
export type MunicipalityReportsResponse = z.infer<typeof MunicipalityReportsResponseSchema>;

/** Most sha256 one `POST /photos/missing` may ask about (the phone sends larger sets in batches). */
export const PHOTOS_MISSING_BATCH = 200;

/** POST /api/v1/photos/missing: which of these photos the endpoint lacks (one round trip per report). */
export const PhotosMissingRequestSchema = z.strictObject({
  sha256: z
    .array(z.string().check(z.regex(SHA256_RE, { error: 'identificador (sha256) inválido' })))
    .check(
      z.minLength(1, { error: 'informe ao menos uma foto' }),
      z.maxLength(PHOTOS_MISSING_BATCH, { error: `no máximo ${PHOTOS_MISSING_BATCH} fotos por consulta` }),
    ),
});
export type PhotosMissingRequest = z.infer<typeof PhotosMissingRequestSchema>;

/** 200 answer: the asked sha256 that are not stored, in the order asked, without repeats. */
export const PhotosMissingResponseSchema = z.object({ missing: z.array(z.string()) });
export type PhotosMissingResponse = z.infer<typeof PhotosMissingResponseSchema>;
