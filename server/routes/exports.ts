import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { userOf } from '../auth/authenticate.ts';
import { actionsCsv } from '../export/actions-csv.ts';
import { exportReports } from '../store/panel-store.ts';
import { rangeScope } from './range-query.ts';

/**
 * GET /exports/actions.csv: one row per action. Central: the state or a unit; regional: its unit;
 * agents: their own municipality (the data they sent themselves).
 */
export async function exportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/exports/actions.csv', async (req, reply) => {
    const { from, to, codes } = rangeScope(req, userOf(req), ctx.now());
    const csv = actionsCsv(await exportReports(ctx.store.driver, { from, to, codes }));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="acoes-${from}-a-${to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
