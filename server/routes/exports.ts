import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { actionsCsvChunks } from '../export/actions-csv.ts';
import { sendCsv } from '../export/send-csv.ts';
import { rangeScope } from './range-query.ts';

/**
 * GET /exports/actions.csv: one row per action. Central: the state or a unit; regional: its unit;
 * agents: their own municipality (the data they sent themselves). Streamed: rows are read in
 * pages and written a report at a time; the stream stops pulling rows while ~64 KB wait for the
 * client (backpressure), so memory is bounded by one page, never by the range.
 */
export async function exportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/exports/actions.csv', async (req, reply) => {
    const { from, to, scope } = rangeScope(req, userOf(req), ctx.now());
    const chunks = actionsCsvChunks(ctx.store.panel.exportBatches({ from, to, scope }));
    return sendCsv(req, reply, chunks, `acoes-${from}-a-${to}.csv`);
  });
}
