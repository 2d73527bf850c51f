import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { actionsCsv } from '../export/actions-csv.ts';
import { rangeScope } from './range-query.ts';

/**
 * GET /exports/actions.csv: one row per action. Central: the state or a unit; regional: its unit;
 * agents: their own municipality (the data they sent themselves).
 */
export async function exportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/exports/actions.csv', async (req, reply) => {
    const { from, to, scope } = rangeScope(req, userOf(req), ctx.now());
    const csv = actionsCsv(await ctx.store.panel.exportRows({ from, to, scope }));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="acoes-${from}-a-${to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
