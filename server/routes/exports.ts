import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { actionsCsvChunks } from '../export/actions-csv.ts';
import { rangeScope } from './range-query.ts';

/** Bytes of CSV the reply stream holds before it stops pulling rows from the database. */
const EXPORT_STREAM_BUFFER = 64 * 1024;

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
    // Read the first batch before answering: a failure now is still a 503/500 with a message.
    const first = await chunks.next();
    async function* body() {
      try {
        if (!first.done) yield first.value;
        yield* chunks;
      } catch (err) {
        // Headers are gone: the download is cut short (the browser shows it failed), and we log why.
        req.log.error({ err: { code: (err as { code?: string }).code, message: (err as Error).message } }, 'CSV export failed midway');
        throw err;
      } finally {
        await chunks.return(undefined);
      }
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="acoes-${from}-a-${to}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body(), { objectMode: false, highWaterMark: EXPORT_STREAM_BUFFER }));
  });
}
