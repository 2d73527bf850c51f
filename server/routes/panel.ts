import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { rangeScope } from './range-query.ts';

/** GET /panel: the Painel's figures for regional units (their own) and central (any or all). */
export async function panelRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/panel', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const now = ctx.now();
    const { from, to, regional } = rangeScope(req, userOf(req), now);
    reply.header('cache-control', 'no-store');
    return ctx.store.panel.figures({ from, to, regional, now });
  });
}
