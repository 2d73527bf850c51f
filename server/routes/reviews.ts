import type { FastifyInstance } from 'fastify';
import { ReviewRequestSchema, type ReviewResponse } from '../../src/domain/api.ts';
import { mayDecide } from '../../src/domain/review.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { reportIdParam } from './reports.ts';
import { parseWithIssues } from './zod-issues.ts';

/** POST /reports/{id}/reviews: the report's regional unit or central approves, returns, consolidates. */
export async function reviewRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, limits, now } = ctx;
  api.post('/reports/:id/reviews', { config: { roles: ['regional', 'central'] }, bodyLimit: limits.reviewBodyBytes }, async (req, reply) => {
    const user = userOf(req);
    const id = reportIdParam(req);
    const parsed = parseWithIssues(ReviewRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(422, 'invalid_review', undefined, { issues: parsed.issues });
    const { decision, comment, actionNumbers, revision } = parsed.data;
    if (!mayDecide(user.role, decision)) {
      throw new ApiError(403, 'forbidden', 'Somente a coordenação central pode consolidar relatórios.');
    }
    const r = await store.reviews.add({ reportId: id, user, decision, comment: comment || undefined, actionNumbers, revision, now: now() });
    switch (r.outcome) {
      case 'created': {
        const body: ReviewResponse = { review: r.review, status: r.status };
        return reply.code(201).send(body);
      }
      case 'not_found':
        throw new ApiError(404, 'not_found', 'Relatório não encontrado.');
      case 'forbidden':
        throw new ApiError(403, 'forbidden', 'Este relatório não é da sua unidade regional.');
      case 'revision_conflict':
        throw new ApiError(409, 'revision_conflict', `O município enviou uma nova revisão (${r.currentRevision}). Revise a versão atual.`, { currentRevision: r.currentRevision });
      case 'report_locked':
        throw new ApiError(409, 'report_locked', r.status === 'consolidated'
          ? 'O relatório já foi consolidado.'
          : 'O relatório já foi aprovado; somente a coordenação central pode devolvê-lo.', { status: r.status });
      case 'invalid_transition':
        throw new ApiError(409, 'invalid_transition', r.status === 'returned'
          ? 'O relatório foi devolvido e aguarda uma nova revisão do município.'
          : 'Esta decisão não é possível na situação atual do relatório.', { status: r.status });
    }
  });
}
