import type { Note } from './note';
import * as z from 'zod/mini';
import { ACTION_FIELD_LABELS, ActionSubmissionSchema, required, text, type ActionDraft } from './action';
import { LIMITS } from './limits';
import { NewPartnerSchema } from './partner';
import { findMunicipality } from './municipality';
import { PERIOD_RE, formatDate, formatPeriod, latestAllowedDate, periodBounds, periodOfDate } from './period';
import type { PhotoRecord, PhotoRef } from './photo';
import { ptIssueMessage } from './zod-pt';

import type { ReportStatus } from './status';

export { REPORT_STATUSES, SERVER_REPORT_STATUSES, type ReportStatus, type ServerReportStatus } from './status';

export const SCHEMA_VERSION = 1;

const optionalText = (max: number, what: string) => z.optional(text(max, what));

export const ResponsibleSchema = z.strictObject(
  {
    name: required(LIMITS.shortTextChars, 'nome do responsável'),
    role: optionalText(LIMITS.shortTextChars, 'cargo/função'),
    phone: z.optional(z.string().check(z.trim(), z.regex(/^[0-9()+\-\s.]{8,20}$/, { error: 'telefone inválido (use só números, com DDD)' }))),
    email: z.optional(z.email({ error: 'e-mail inválido' }).check(z.maxLength(LIMITS.shortTextChars))),
  },
  { error: 'informe o responsável' },
);

/** The report as sent to the endpoint: PUT /api/v1/reports/{id}. Unknown keys are rejected. */
export const ReportSubmissionSchema = z.strictObject({
  id: z.uuid({ error: 'identificador do relatório inválido' }),
  revision: z.int({ error: 'revisão inválida' }).check(z.gte(1, { error: 'revisão inválida' })),
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `versão do formato não suportada (esperado ${SCHEMA_VERSION})` }),
  // IBGE codes are strings; a number is accepted and normalised.
  municipalityCode: z.pipe(
    z.transform((v: unknown) => (typeof v === 'number' ? String(v) : v)),
    z.string({ error: 'informe o município (código IBGE)' }).check(z.regex(/^\d{7}$/, { error: 'código IBGE deve ter 7 dígitos' })),
  ),
  period: z.string({ error: 'informe o mês de referência' }).check(z.regex(PERIOD_RE, { error: 'mês de referência inválido (AAAA-MM)' })),
  responsible: ResponsibleSchema,
  actions: z.array(ActionSubmissionSchema, { error: 'lista de ações inválida' }).check(
    z.maxLength(LIMITS.actionsPerReport, { error: `no máximo ${LIMITS.actionsPerReport} ações por relatório` }),
  ),
  notes: optionalText(LIMITS.notesChars, 'observações'),
  noActionsJustification: optionalText(LIMITS.justificationChars, 'justificativa'),
  submittedAt: z.iso.datetime({ offset: true, error: 'data de envio inválida (ISO 8601)' }),
  /** partners created on the phone that this report's actions name (#16): registered at the endpoint once */
  partners: z.optional(z.array(NewPartnerSchema).check(z.maxLength(LIMITS.newPartnersPerReport, { error: `no máximo ${LIMITS.newPartnersPerReport} parceiros novos` }))),
});
export type ReportSubmission = z.output<typeof ReportSubmissionSchema>;

export interface ValidationIssue {
  /** dotted path into the submission, e.g. "actions.1.date" ("" for the whole report) */
  path: string;
  /** pt-BR, self-contained: "Ação 2 — Data: a data deve estar dentro de novembro de 2026" */
  message: string;
}

export type ValidationResult =
  | { success: true; data: ReportSubmission }
  | { success: false; issues: ValidationIssue[] };

const HEADER_LABELS: Record<string, string> = {
  id: 'Identificador',
  revision: 'Revisão',
  schemaVersion: 'Versão do formato',
  municipalityCode: 'Município',
  period: 'Mês de referência',
  responsible: 'Responsável',
  'responsible.name': 'Responsável — Nome',
  'responsible.role': 'Responsável — Cargo/função',
  'responsible.phone': 'Responsável — Telefone',
  'responsible.email': 'Responsável — E-mail',
  actions: 'Ações',
  notes: 'Observações',
  noActionsJustification: 'Justificativa',
  submittedAt: 'Data de envio',
};

/** "Ação 2 — Data", "Responsável — E-mail", "Ação 1 — Foto 3" */
export function describePath(path: readonly PropertyKey[]): string {
  if (path[0] === 'actions' && typeof path[1] === 'number') {
    const head = `Ação ${path[1] + 1}`;
    const field = path[2];
    if (field === undefined) return head;
    if (field === 'photos' && typeof path[3] === 'number') return `${head} — Foto ${path[3] + 1}`;
    if (field === 'partners' && typeof path[3] === 'number') return `${head} — Parceiro ${path[3] + 1}`;
    return `${head} — ${ACTION_FIELD_LABELS[String(field)] ?? String(field)}`;
  }
  const key = path.slice(0, 2).join('.');
  return HEADER_LABELS[key] ?? HEADER_LABELS[String(path[0])] ?? (path.join('.') || 'Relatório');
}

function issue(path: readonly PropertyKey[], message: string): ValidationIssue {
  return { path: path.map(String).join('.'), message: `${describePath(path)}: ${message}` };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The ready-to-send check, shared by the phone ("Verificar e enviar") and the endpoint.
 * Lists every problem at once: structure (zod) and the rules that need the clock and the period.
 */
export function validateSubmission(input: unknown, now: Date): ValidationResult {
  const parsed = ReportSubmissionSchema.safeParse(input, { error: ptIssueMessage });
  const issues: ValidationIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => issue(i.path, i.message));
  if (!isObj(input)) return { success: false, issues: issues.length ? issues : [issue([], 'o corpo deve ser um objeto JSON')] };

  const period = typeof input.period === 'string' && PERIOD_RE.test(input.period) ? input.period : undefined;
  const latest = latestAllowedDate(now);
  if (period && period > periodOfDate(new Date(latest))) {
    issues.push(issue(['period'], `${formatPeriod(period)} ainda não começou`));
  }
  const code = typeof input.municipalityCode === 'number' ? String(input.municipalityCode) : input.municipalityCode;
  if (typeof code === 'string' && /^\d{7}$/.test(code) && !findMunicipality(code)) {
    issues.push(issue(['municipalityCode'], `o município ${code} não existe em Minas Gerais`));
  }
  const actions = Array.isArray(input.actions) ? input.actions : [];
  const justification = typeof input.noActionsJustification === 'string' ? input.noActionsJustification.trim() : '';
  if (Array.isArray(input.actions) && actions.length === 0 && !justification) {
    issues.push(issue(['noActionsJustification'], 'um mês sem ações só pode ser enviado com uma justificativa'));
  }
  const ids = new Set<unknown>();
  actions.forEach((a, i) => {
    if (!isObj(a)) return;
    if (a.number !== i + 1) issues.push(issue(['actions', i, 'number'], `as ações devem ser numeradas 1, 2, 3… (esperado ${i + 1})`));
    if (ids.has(a.id)) issues.push(issue(['actions', i, 'id'], 'ação repetida (mesmo identificador)'));
    ids.add(a.id);
    if (typeof a.date === 'string' && period) {
      const { first, last } = periodBounds(period);
      if (a.date < first || a.date > last) {
        issues.push(issue(['actions', i, 'date'], `a data (${formatDate(a.date)}) deve estar dentro de ${formatPeriod(period)}`));
      } else if (a.date > latest) {
        issues.push(issue(['actions', i, 'date'], `a data (${formatDate(a.date)}) está no futuro`));
      }
    }
  });

  if (issues.length || !parsed.success) return { success: false, issues: sortIssues(issues) };
  return { success: true, data: parsed.data };
}

function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const rank = (p: string) => {
    const m = /^actions\.(\d+)/.exec(p);
    return m ? 1000 + Number(m[1]) : 0;
  };
  return issues
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x.path) - rank(b.x.path) || a.i - b.i)
    .map(({ x }) => x);
}

/** A monthly report as kept on the phone (Dexie row). */
export interface ReportDraft {
  id: string;
  /** account the report belongs to ("local" before sign-in) */
  ownerId: string;
  municipalityCode: string;
  period: string;
  responsible: { name: string; role: string; phone: string; email: string };
  notes: string;
  noActionsJustification: string;
  status: ReportStatus;
  /** revision being edited, or frozen while queued */
  revision: number;
  createdAt: string;
  updatedAt: string;
  protocol?: string;
  receivedAt?: string;
  /** latest revision the endpoint acknowledged */
  deliveredRevision?: number;
  /** last word from the endpoint or the reviewer, shown with the status (a code; text in src/ui/messages.ts) */
  statusNote?: Note;
  /**
   * Actions the regional asked to correct in its latest return: their ids, and each one's
   * updatedAt when the return arrived (unchanged since → the ready-to-send check reminds).
   */
  marks?: { at: string; actions: Record<string, string> };
  /** The endpoint already has this month's report (409 period_taken): the agent may merge into it. */
  conflict?: { id: string; period: string; protocol: string; revision: number; status: 'received' | 'returned' | 'approved' | 'consolidated'; receivedAt: string; sentBy: string };
}

export type ReportHeaderFields = Pick<ReportDraft, 'responsible' | 'notes' | 'noActionsJustification'>;

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** Builds the submission JSON from the phone's rows (actions in number order, photos in number order). */
export function buildSubmission(
  report: ReportDraft,
  actions: ActionDraft[],
  photos: PhotoRecord[],
  submittedAt: Date,
): Record<string, unknown> {
  const sorted = [...actions].sort((a, b) => a.number - b.number);
  return {
    id: report.id,
    revision: report.revision,
    schemaVersion: SCHEMA_VERSION,
    municipalityCode: report.municipalityCode,
    period: report.period,
    responsible: {
      name: report.responsible.name.trim(),
      role: opt(report.responsible.role),
      phone: opt(report.responsible.phone),
      email: opt(report.responsible.email),
    },
    actions: sorted.map((a) => ({
      id: a.id,
      number: a.number,
      date: a.date,
      title: a.title.trim(),
      type: a.type,
      typeOther: a.type === 'outro' ? opt(a.typeOther) : undefined,
      themes: a.themes,
      themeOther: a.themes.includes('outro') ? opt(a.themeOther) : undefined,
      place: { description: a.place.description.trim(), zone: a.place.zone },
      audience: a.audience,
      audienceOther: a.audience.includes('outro') ? opt(a.audienceOther) : undefined,
      participants: a.participants ?? undefined,
      partners: a.partners.filter((p) => p.name.trim() || p.sector).map((p) => ({ name: p.name.trim(), sector: p.sector, partnerId: p.partnerId })),
      description: a.description.trim(),
      photos: photos
        .filter((p) => p.actionId === a.id)
        .sort((x, y) => x.number - y.number)
        .map((p): PhotoRef => ({
          sha256: p.sha256,
          number: p.number,
          caption: opt(p.caption),
          takenAt: p.takenAt,
          lat: p.lat,
          lon: p.lon,
          mimeType: p.mimeType,
          byteSize: p.byteSize,
          width: p.width,
          height: p.height,
        })),
    })),
    notes: opt(report.notes),
    noActionsJustification: sorted.length === 0 ? opt(report.noActionsJustification) : undefined,
    submittedAt: submittedAt.toISOString(),
  };
}
