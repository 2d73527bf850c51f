import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { isRegional, municipalitiesOfRegional } from '../../src/domain/municipality.ts';
import { PARTNER_STATUSES } from '../../src/domain/partner-registry.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { inScope, regionalScope, scopeOf } from '../auth/scope.ts';
import { ApiError } from '../errors.ts';
import { partnersCsvChunks } from '../export/partners-csv.ts';
import { sendCsv } from '../export/send-csv.ts';
import type { PartnerChangeOutcome } from '../store/partners-store.ts';
import { rangeScope } from './range-query.ts';
import { parseWithIssues } from './zod-issues.ts';

const ListQuery = z.strictObject({
  municipality: z.optional(z.string().check(z.regex(/^\d{7}$/, { error: 'município inválido' }))),
  regional: z.optional(z.string().check(z.refine(isRegional, { error: 'unidade regional desconhecida' }))),
  status: z.optional(z.enum(PARTNER_STATUSES)),
});
const PartnerId = z.uuid();
const MergeBody = z.strictObject({ into: z.uuid({ error: 'parceiro inválido' }) });

function idOf(req: FastifyRequest): string {
  const id = PartnerId.safeParse((req.params as { id: string }).id);
  if (!id.success) throw new ApiError(404, 'not_found', 'Parceiro não encontrado.');
  return id.data;
}

function answer(reply: FastifyReply, r: PartnerChangeOutcome) {
  switch (r.outcome) {
    case 'ok':
      return reply.send({ partner: r.partner, ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}) });
    case 'not_found':
      throw new ApiError(404, 'not_found', 'Parceiro não encontrado.');
    case 'forbidden':
      throw new ApiError(403, 'forbidden', 'Este parceiro não é do seu município ou da sua unidade regional.');
    case 'invalid_transition':
      throw new ApiError(409, 'invalid_transition', 'Este parceiro não está mais nesta situação (atualize a lista).');
    case 'different_municipality':
      throw new ApiError(422, 'invalid_request', 'Só é possível juntar parceiros do mesmo município.');
  }
}

/**
 * The partner registry (#16). Contact data only for the municipality's agents, its regional unit
 * and central (server/store/partners-store.ts: seesContact); everyone sees only its scope.
 */
export async function partnerRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/partners', async (req, reply) => {
    const q = parseWithIssues(ListQuery, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const user = userOf(req);
    const scope = scopeOf(user);
    if (q.data.municipality && !inScope(scope, q.data.municipality)) throw new ApiError(403, 'forbidden', 'Você só tem acesso aos parceiros do seu escopo.');
    if (q.data.regional && user.role !== 'central' && !(user.role === 'regional' && user.regional === q.data.regional)) {
      throw new ApiError(403, 'forbidden', 'Você só tem acesso aos parceiros da sua unidade regional.');
    }
    reply.header('cache-control', 'no-store');
    const regionalCodes = q.data.regional ? municipalitiesOfRegional(q.data.regional).map((m) => m.code) : undefined;
    return { partners: await ctx.store.partners.list(user, { municipality: q.data.municipality, regionalCodes, status: q.data.status }) };
  });

  api.get('/partners/duplicates', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const q = parseWithIssues(z.strictObject({ regional: ListQuery.shape.regional }), req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const user = userOf(req);
    if (q.data.regional && user.role === 'regional' && user.regional !== q.data.regional) throw new ApiError(403, 'forbidden');
    reply.header('cache-control', 'no-store');
    return { pairs: await ctx.store.partners.nearDuplicates(q.data.regional ? regionalScope(q.data.regional) : scopeOf(user)) };
  });

  /** Distinct partners by sector and by municipality (the Painel's and the reviewers' partnerships). */
  api.get('/panel/partners', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const { from, to, scope } = rangeScope(req, userOf(req), ctx.now());
    reply.header('cache-control', 'no-store');
    return { from, to, ...(await ctx.store.partners.counts({ from, to, scope })) };
  });

  api.get('/partners/:id', async (req, reply) => {
    const r = await ctx.store.partners.get(idOf(req), userOf(req));
    if (r === 'not_found') throw new ApiError(404, 'not_found', 'Parceiro não encontrado.');
    if (r === 'forbidden') throw new ApiError(403, 'forbidden', 'Este parceiro não é do seu município ou da sua unidade regional.');
    reply.header('cache-control', 'no-store');
    return r;
  });

  api.post('/partners/:id/confirm', async (req, reply) => answer(reply, await ctx.store.partners.confirm(idOf(req), userOf(req), ctx.now())));
  api.post('/partners/:id/reject', async (req, reply) => answer(reply, await ctx.store.partners.reject(idOf(req), userOf(req), ctx.now())));

  api.post('/partners/:id/merge', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const body = parseWithIssues(MergeBody, req.body);
    if (!body.success) throw new ApiError(422, 'invalid_request', 'Escolha o parceiro que fica.', { issues: body.issues });
    return answer(reply, await ctx.store.partners.merge(idOf(req), body.data.into, userOf(req), ctx.now()));
  });

  /** Central: the partners who agreed to receive campaigns, streamed. */
  api.get('/exports/partners.csv', { config: { roles: ['central'] } }, async (req, reply) => {
    return sendCsv(req, reply, partnersCsvChunks(ctx.store.partners.campaignBatches()), 'parceiros-campanhas.csv');
  });
}
