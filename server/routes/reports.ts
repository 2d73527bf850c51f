import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { ReportDetail, ReportListResponse, ReportReceipt } from '../../src/domain/api.ts';
import { isRegional, municipalitiesOfRegional } from '../../src/domain/municipality.ts';
import { PERIOD_RE, formatPeriod } from '../../src/domain/period.ts';
import { SERVER_REPORT_STATUSES, validateSubmission } from '../../src/domain/report.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { inScope, scopeOf } from '../auth/scope.ts';
import { parseWithIssues } from './zod-issues.ts';
import type { PutReportOutcome } from '../store/reports.ts';
import { sendTagged } from './etag.ts';
import { decodeReportCursor, encodeReportCursor, REPORT_PAGE } from './report-cursor.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ListQuerySchema = z.strictObject({
  period: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês de referência inválido (AAAA-MM)' }))),
  status: z.optional(z.enum(SERVER_REPORT_STATUSES, { error: 'situação inválida' })),
  municipality: z.optional(z.string().check(z.regex(/^\d{7}$/, { error: 'código IBGE deve ter 7 dígitos' }))),
  regional: z.optional(z.string().check(z.refine(isRegional, { error: 'unidade regional desconhecida' }))),
  limit: z.optional(z.string().check(z.regex(/^[1-9]\d{0,2}$/, { error: `limite: de 1 a ${REPORT_PAGE.max}` }),
    z.refine((v) => Number(v) <= REPORT_PAGE.max, { error: `limite: de 1 a ${REPORT_PAGE.max}` }))),
  cursor: z.optional(z.string().check(z.maxLength(400))),
});

/** The report id in the path, lower-cased; 404 when it cannot be a report id. */
export function reportIdParam(req: FastifyRequest): string {
  const id = (req.params as { id: string }).id;
  if (!UUID_RE.test(id)) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
  return id.toLowerCase();
}

/** The answer to a report write the store refused (PUT /reports/{id} and package imports). */
export function refusalOf(r: PutReportOutcome): Error {
  switch (r.outcome) {
    case 'created':
    case 'repeat':
      return new Error('not a refusal');
    case 'forbidden':
      return new ApiError(403, 'forbidden', 'Este relatório pertence a outro município.');
    case 'missing_photos':
      return new ApiError(409, 'missing_photos', `Faltam ${r.missing.length} foto(s) deste relatório. Envie as fotos e tente de novo.`, { missing: r.missing });
    case 'revision_conflict':
      return new ApiError(409, 'revision_conflict', undefined, { currentRevision: r.currentRevision });
    case 'report_locked':
      return new ApiError(409, 'report_locked', r.status === 'consolidated'
        ? 'O relatório já foi consolidado e não pode mais ser alterado.'
        : 'O relatório já foi aprovado e não pode mais ser alterado.', { status: r.status });
    case 'period_taken':
      return new ApiError(409, 'period_taken',
        `Já existe um relatório de ${formatPeriod(r.existing.period)} (protocolo ${r.existing.protocol}, enviado por ${r.existing.sentBy}).`,
        { existing: r.existing });
  }
}

/** PUT /reports/{id} (agents send), GET /reports (list), GET /reports/{id} (detail). */
export async function reportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, limits, now } = ctx;

  api.put('/reports/:id', { config: { roles: ['agent'] }, bodyLimit: limits.reportBodyBytes }, async (req, reply) => {
    const user = userOf(req);
    const id = reportIdParam(req);
    if (typeof req.body !== 'object' || req.body === null) {
      throw new ApiError(415, 'unsupported_media_type', 'Envie o relatório como application/json.');
    }
    const result = validateSubmission(req.body, now());
    if (!result.success) throw new ApiError(422, 'invalid_report', undefined, { issues: result.issues });
    const s = result.data;
    if (s.id.toLowerCase() !== id) {
      throw new ApiError(422, 'invalid_report', undefined, {
        issues: [{ path: 'id', message: 'Identificador: o identificador do corpo difere do endereço (URL)' }],
      });
    }
    s.id = id;
    if (s.municipalityCode !== user.municipalityCode) {
      throw new ApiError(403, 'forbidden', 'Você só pode enviar relatórios do seu próprio município.');
    }
    const r = await store.reports.put(s, user, now());
    if (r.outcome === 'created' || r.outcome === 'repeat') {
      const receipt: ReportReceipt = r.receipt;
      return reply.code(r.outcome === 'created' ? 201 : 200).send(receipt);
    }
    throw refusalOf(r);
  });

  api.get('/reports', async (req, reply) => {
    const user = userOf(req);
    const q = parseWithIssues(ListQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const scope = scopeOf(user);
    if (q.data.municipality && !inScope(scope, q.data.municipality)) {
      throw new ApiError(403, 'forbidden', 'Você não tem acesso aos relatórios deste município.');
    }
    const { regional, limit, cursor, ...filter } = q.data;
    if (regional && user.role !== 'central' && !(user.role === 'regional' && user.regional === regional)) {
      throw new ApiError(403, 'forbidden', 'Você não tem acesso aos relatórios desta unidade regional.');
    }
    const after = cursor === undefined ? undefined : decodeReportCursor(cursor);
    if (cursor !== undefined && !after) throw new ApiError(400, 'invalid_request', 'Cursor de paginação inválido: recomece a lista.');
    const where = { ...filter, ...(regional ? { regionalCodes: municipalitiesOfRegional(regional).map((m) => m.code) } : {}) };
    const [page, counts] = await Promise.all([
      store.reports.list(scope, where, { limit: limit ? Number(limit) : REPORT_PAGE.default, after }),
      after || filter.municipality ? undefined : store.reports.countByStatus(scope, where),
    ]);
    const body: ReportListResponse = { reports: page.reports, nextCursor: page.next ? encodeReportCursor(page.next) : null, ...(counts ? { counts } : {}) };
    return sendTagged(req, reply, body);
  });

  api.get('/reports/:id', async (req, reply) => {
    const user = userOf(req);
    const id = reportIdParam(req);
    const municipality = await store.reports.municipalityOf(id);
    if (!municipality) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
    if (!inScope(scopeOf(user), municipality)) throw new ApiError(403, 'forbidden', 'Você não tem acesso a este relatório.');
    const detail: ReportDetail | undefined = await store.reports.get(id);
    if (!detail) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
    return sendTagged(req, reply, detail);
  });
}
