// The HTTP contract of account management (/api/v1/admin/…, /api/v1/me/…, access codes).
// Shared by the endpoint (validation), the administrators' chunk and the agent's sign-in screens.
import * as z from 'zod/mini';
import { ROLES, UserSchema } from './api';
import { DeviceSchema } from './access';

/** An agent is an "active núcleo" member when signed in within this many days. */
export const ACTIVE_AGENT_DAYS = 90;
/** Most rows one bulk import may have. */
export const IMPORT_MAX_ROWS = 2000;

const text = (max: number, what: string) =>
  z.string({ error: `${what}: deve ser um texto` }).check(z.trim(), z.maxLength(max, { error: `${what}: no máximo ${max} caracteres` }));

export const EMAIL_RE = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

/** Digits of a Brazilian phone (DDD + number, optional +55): 10 to 13 digits. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
export function isPhone(phone: string): boolean {
  return /^\+?[\d\s().-]+$/.test(phone) && phoneDigits(phone).length >= 10 && phoneDigits(phone).length <= 13;
}

const Name = text(120, 'nome').check(z.minLength(2, { error: 'nome: informe o nome completo' }));
const Phone = z.optional(text(30, 'telefone').check(z.refine((p) => p === '' || isPhone(p), { error: 'telefone: use DDD e número, por exemplo (31) 99999-0000' })));
const Email = z.optional(text(200, 'e-mail').check(z.refine((e) => e === '' || EMAIL_RE.test(e), { error: 'e-mail inválido' })));
const Login = text(100, 'usuário').check(z.regex(/^[a-z0-9._@-]{2,100}$/, { error: 'usuário: letras minúsculas sem acento, números, ponto, hífen ou @ (2 a 100)' }));

const Role = z.enum(ROLES, { error: 'papel inválido (agent, regional ou central)' });
const MunicipalityCode = z.optional(z.string().check(z.regex(/^\d{7}$/, { error: 'município: código IBGE de 7 dígitos' })));
const Regional = z.optional(text(100, 'unidade regional'));

/** POST /admin/accounts. The login is made from the name when absent. */
export const NewAccountSchema = z.strictObject({
  name: Name, role: Role, municipalityCode: MunicipalityCode, regional: Regional, phone: Phone, email: Email, login: z.optional(Login),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

/** PATCH /admin/accounts/{id}: any subset; role and scope changes obey the same rules as creation. */
export const AccountPatchSchema = z.strictObject({
  name: z.optional(Name), role: z.optional(Role), municipalityCode: MunicipalityCode, regional: Regional, phone: Phone, email: Email,
});
export type AccountPatch = z.infer<typeof AccountPatchSchema>;

/** An account as its managers see it: the user plus contact fields and state. */
export const AccountSchema = z.extend(UserSchema, {
  phone: z.nullable(z.string()),
  email: z.nullable(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  /** expiry of an unused access code, if one is pending */
  pendingCodeExpiresAt: z.nullable(z.string()),
});
export type Account = z.infer<typeof AccountSchema>;

export const AccountListSchema = z.object({ accounts: z.array(AccountSchema), next: z.nullable(z.string()) });
export type AccountList = z.infer<typeof AccountListSchema>;

export const AccountDetailSchema = z.object({ account: AccountSchema, devices: z.array(DeviceSchema) });
export type AccountDetail = z.infer<typeof AccountDetailSchema>;

/** A freshly made single-use code: shown once, never stored in clear on the server. */
export const AccessCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });
export type AccessCode = z.infer<typeof AccessCodeSchema>;

export const CreatedAccountSchema = z.object({ account: AccountSchema, accessCode: AccessCodeSchema });
export type CreatedAccount = z.infer<typeof CreatedAccountSchema>;

export const HistoryEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.nullable(z.object({ login: z.string(), name: z.string() })),
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export const HistorySchema = z.object({ entries: z.array(HistoryEntrySchema), next: z.nullable(z.string()) });

// ── núcleos and coverage ────────────────────────────────────────────────────

export const NUCLEO_STATES = ['none', 'inactive', 'active'] as const;
export type NucleoState = (typeof NUCLEO_STATES)[number];

export const NucleoSchema = z.object({
  code: z.string(),
  name: z.string(),
  regional: z.string(),
  /** enabled agent accounts */
  agents: z.number(),
  /** enabled agents signed in within ACTIVE_AGENT_DAYS */
  activeAgents: z.number(),
  /** latest month with a report received (any status), or null */
  lastReportPeriod: z.nullable(z.string()),
  state: z.enum(NUCLEO_STATES),
});
export type Nucleo = z.infer<typeof NucleoSchema>;
export const NucleoListSchema = z.object({ municipalities: z.array(NucleoSchema), lastMonth: z.string() });
export type NucleoList = z.infer<typeof NucleoListSchema>;

const CoverageCounts = { municipalities: z.number(), withNucleo: z.number(), reportedLastMonth: z.number() };
export const CoverageSchema = z.object({
  generatedAt: z.string(),
  lastMonth: z.string(),
  activeDays: z.number(),
  totals: z.object(CoverageCounts),
  byRegional: z.array(z.object({ regional: z.string(), ...CoverageCounts })),
  withoutNucleo: z.array(z.object({ code: z.string(), name: z.string(), regional: z.string() })),
});
export type Coverage = z.infer<typeof CoverageSchema>;

// ── bulk import ─────────────────────────────────────────────────────────────

export const IMPORT_PROBLEMS = [
  'unknown_municipality',
  'out_of_scope',
  'duplicate_in_file',
  'existing_account',
  'missing_name',
  'formula',
  'invalid_phone',
  'invalid_email',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

/** POST /admin/imports/preview and /admin/imports/confirm: the file's text as read in the browser. */
export const ImportRequestSchema = z.strictObject({ csv: z.string({ error: 'envie o conteúdo do arquivo CSV' }) });

export const ImportRowSchema = z.object({
  line: z.number(),
  municipality: z.string(),
  municipalityCode: z.nullable(z.string()),
  municipalityName: z.nullable(z.string()),
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  problems: z.array(z.object({ code: z.enum(IMPORT_PROBLEMS), message: z.string() })),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportPreviewSchema = z.object({
  rows: z.array(ImportRowSchema),
  total: z.number(),
  ready: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  created: z.array(
    z.object({ line: z.number(), id: z.string(), login: z.string(), name: z.string(), municipalityCode: z.string(), accessCode: AccessCodeSchema }),
  ),
  skipped: z.array(ImportRowSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The template the UI offers for download (`;`, the separator of spreadsheets set to pt-BR). */
export const IMPORT_TEMPLATE = 'municipio;nome;telefone;email\r\nBelo Horizonte;Ana Souza;(31) 99999-0000;ana@example.org\r\n';
