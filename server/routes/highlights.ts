import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { HIGHLIGHT_STATUSES, HighlightRequestSchema } from '../../src/domain/highlight.ts';
import { PERIOD_RE } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { scopeOf } from '../auth/scope.ts';
import { parseWithIssues } from './zod-issues.ts';

const ListQuery = z.strictObject({
  period: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }))),
  status: z.optional(z.enum(HIGHLIGHT_STATUSES)),
  report: z.optional(z.uuid({ error: 'relatório inválido' })),
});
const HighlightId = z.uuid();

/**
 * Highlights ("destaques"): central publishes an action of a received report on /publico, a
 * regional unit suggests one for its own municipalities; central unpublishes.
 */
export async function highlightRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/highlights', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const q = parseWithIssues(ListQuery, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    reply.header('cache-control', 'no-store');
    return { highlights: await ctx.store.highlights.list(scopeOf(userOf(req)), { period: q.data.period, status: q.data.status, reportId: q.data.report }) };
  });

  api.post('/highlights', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const parsed = parseWithIssues(HighlightRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(422, 'invalid_request', 'O destaque tem problemas a corrigir.', { issues: parsed.issues });
    const r = await ctx.store.highlights.save(parsed.data, userOf(req), ctx.now());
    switch (r.outcome) {
      case 'saved':
        return reply.code(r.created ? 201 : 200).send({ highlight: r.highlight });
      case 'not_found':
        throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
      case 'forbidden':
        throw new ApiError(403, 'forbidden', 'Este relatório não é da sua unidade regional, ou o destaque já foi publicado pela coordenação central.');
      case 'consent_required':
        throw new ApiError(422, 'consent_required');
      case 'report_returned':
        throw new ApiError(409, 'invalid_transition', 'O relatório foi devolvido para correção: escolha destaques de relatórios recebidos ou aprovados.');
      case 'unknown_action':
        throw new ApiError(422, 'invalid_request', 'Esta ação não está na versão atual do relatório.');
      case 'unknown_photos':
        throw new ApiError(422, 'invalid_request', 'Escolha apenas fotos desta ação.', { photos: r.photos });
    }
  });

  api.post('/highlights/:id/unpublish', { config: { roles: ['central'] } }, async (req, reply) => {
    const id = HighlightId.safeParse((req.params as { id: string }).id);
    if (!id.success) throw new ApiError(404, 'not_found', 'Destaque não encontrado.');
    const h = await ctx.store.highlights.unpublish(id.data, userOf(req), ctx.now());
    if (!h) throw new ApiError(404, 'not_found', 'Destaque não encontrado.');
    return reply.send({ highlight: h });
  });
}
