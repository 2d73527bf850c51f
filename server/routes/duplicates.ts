import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ResolveDuplicateRequestSchema, type DuplicateListResponse } from '../../src/domain/api.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { reportIdParam } from './reports.ts';
import { parseWithIssues } from './zod-issues.ts';

const PAGE = 100;
const ListQuerySchema = z.strictObject({
  status: z.optional(z.enum(['open', 'resolved'], { error: 'situação inválida (open ou resolved)' })),
  after: z.optional(z.uuid({ error: 'cursor inválido' })),
});

/** GET /duplicates, POST /duplicates/{reportId}/resolve: second reports of a month (central only). */
export async function duplicateRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, now } = ctx;
  api.get('/duplicates', { config: { roles: ['central'] } }, async (req) => {
    const q = parseWithIssues(ListQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const duplicates = await store.duplicates.list({ resolved: q.data.status === 'resolved', limit: PAGE + 1, after: q.data.after });
    const body: DuplicateListResponse & { next: string | null } = {
      duplicates: duplicates.slice(0, PAGE),
      next: duplicates.length > PAGE ? duplicates[PAGE - 1].reportId : null,
    };
    return body;
  });

  api.post('/duplicates/:id/resolve', { config: { roles: ['central'] } }, async (req) => {
    const id = reportIdParam(req);
    const parsed = parseWithIssues(ResolveDuplicateRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(422, 'invalid_request', 'Decisão inválida.', { issues: parsed.issues });
    const r = await store.duplicates.resolve(id, parsed.data.resolution, userOf(req), now());
    switch (r.outcome) {
      case 'resolved':
        return { duplicate: r.duplicate };
      case 'not_found':
        throw new ApiError(404, 'not_found', 'Este relatório não está na lista de duplicidades.');
      case 'already_resolved':
        throw new ApiError(409, 'already_resolved', undefined, { duplicate: r.duplicate });
      case 'report_locked':
        throw new ApiError(409, 'report_locked', 'O relatório mantido já foi aprovado ou consolidado: devolva-o ao município antes de juntar as ações.', { status: r.status });
      case 'invalid_merge':
        throw new ApiError(422, 'invalid_report', `As ações juntas não formam um relatório válido: ${r.messages.join('; ')}`, { issues: r.messages.map((message) => ({ path: '', message })) });
    }
  });
}
