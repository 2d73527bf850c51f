// Public pages are compressed here (the app shell's compression serves dist/ only).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from './html.ts';

const HTML_CACHE = 'no-cache';

export function sendHtml(req: FastifyRequest, reply: FastifyReply, body: Html, status = 200) {
  const raw = Buffer.from(body.text);
  const accept = String(req.headers['accept-encoding'] ?? '');
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', HTML_CACHE).header('vary', 'Accept-Encoding');
  if (/\bbr\b/.test(accept)) {
    return reply.header('content-encoding', 'br')
      .send(brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
  }
  if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(gzipSync(raw, { level: 6 }));
  return reply.send(raw);
}

/** scheme://host as the visitor asked (behind a proxy, with TRUST_PROXY, the forwarded ones). */
export const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
