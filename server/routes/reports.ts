import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { ReportDetail, ReportListResponse, ReportReceipt } from '../../src/domain/api.ts';
import { PERIOD_RE } from '../../src/domain/period.ts';
import { SERVER_REPORT_STATUSES, validateSubmission } from '../../src/domain/report.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { inScope, scopeOf } from '../auth/scope.ts';
import { parseWithIssues } from './zod-issues.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ListQuerySchema = z.strictObject({
  period: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês de referência inválido (AAAA-MM)' }))),
  status: z.optional(z.enum(SERVER_REPORT_STATUSES, { error: 'situação inválida' })),
  municipality: z.optional(z.string().check(z.regex(/^\d{7}$/, { error: 'código IBGE deve ter 7 dígitos' }))),
});

/** The report id in the path, lower-cased; 404 when it cannot be a report id. */
export function reportIdParam(req: FastifyRequest): string {
  const id = (req.params as { id: string }).id;
  if (!UUID_RE.test(id)) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
  return id.toLowerCase();
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
    switch (r.outcome) {
      case 'created':
      case 'repeat': {
        const receipt: ReportReceipt = r.receipt;
        return reply.code(r.outcome === 'created' ? 201 : 200).send(receipt);
      }
      case 'forbidden':
        throw new ApiError(403, 'forbidden', 'Este relatório pertence a outro município.');
      case 'missing_photos':
        throw new ApiError(409, 'missing_photos', `Faltam ${r.missing.length} foto(s) deste relatório. Envie as fotos e tente de novo.`, { missing: r.missing });
      case 'revision_conflict':
        throw new ApiError(409, 'revision_conflict', undefined, { currentRevision: r.currentRevision });
      case 'report_locked':
        throw new ApiError(409, 'report_locked', r.status === 'consolidated'
          ? 'O relatório já foi consolidado e não pode mais ser alterado.'
          : 'O relatório já foi aprovado e não pode mais ser alterado.', { status: r.status });
    }
  });

  api.get('/reports', async (req) => {
    const user = userOf(req);
    const q = parseWithIssues(ListQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const scope = scopeOf(user);
    if (q.data.municipality && !inScope(scope, q.data.municipality)) {
      throw new ApiError(403, 'forbidden', 'Você não tem acesso aos relatórios deste município.');
    }
    const body: ReportListResponse = { reports: await store.reports.list(scope, q.data) };
    return body;
  });

  api.get('/reports/:id', async (req) => {
    const user = userOf(req);
    const id = reportIdParam(req);
    const municipality = await store.reports.municipalityOf(id);
    if (!municipality) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
    if (!inScope(scopeOf(user), municipality)) throw new ApiError(403, 'forbidden', 'Você não tem acesso a este relatório.');
    const detail: ReportDetail | undefined = await store.reports.get(id);
    if (!detail) throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
    return detail;
  });
}
