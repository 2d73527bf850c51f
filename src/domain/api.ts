import * as z from 'zod';
import { isRegional, REGIONALS } from './municipality';
import { SERVER_REPORT_STATUSES } from './report';

/** The HTTP contract of the regional endpoint (/api/v1). Error bodies: {"error": {code, message, …}}. */
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
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    missing: z.array(z.string()).optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
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
  municipalityCode: z.string().optional(),
  regional: z.string().refine(isRegional).optional(),
});
export type User = z.infer<typeof UserSchema>;

export const LoginRequestSchema = z.strictObject({
  login: z.string().trim().min(1, { error: 'informe o usuário' }).max(100),
  password: z.string().min(1, { error: 'informe a senha' }).max(200),
  deviceName: z.string().trim().max(100).optional(),
});

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
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
  comment: z.string().optional(),
  actionNumbers: z.array(z.number()).optional(),
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
  lastReview: ReviewSchema.nullable().optional(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** "MG-2026-11-3106200-0001": period, municipality and a per-municipality-and-period sequence. */
export function formatProtocol(period: string, municipalityCode: string, sequence: number): string {
  return `MG-${period}-${municipalityCode}-${String(sequence).padStart(4, '0')}`;
}

export const PROTOCOL_RE = /^MG-\d{4}-\d{2}-\d{7}-\d{4,}$/;

export { REGIONALS };
