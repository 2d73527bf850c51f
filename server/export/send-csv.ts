import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Bytes of CSV the reply stream holds before it stops pulling rows from the database. */
const EXPORT_STREAM_BUFFER = 64 * 1024;

/**
 * Streams CSV chunks as a download. The first chunk is read before answering, so a failure then is
 * still a 503/500 with a message; a later one cuts the download short (logged).
 */
export async function sendCsv(req: FastifyRequest, reply: FastifyReply, chunks: AsyncGenerator<string, void, undefined>, filename: string) {
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
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(body(), { objectMode: false, highWaterMark: EXPORT_STREAM_BUFFER }));
}
