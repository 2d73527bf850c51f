import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed build output never changes; everything else (index.html, service-worker.js, manifest) is revalidated. */
export function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache';
}

const COMPRESSIBLE = /\.(?:js|mjs|css|html|webmanifest|json|svg|txt)$/;
type Encoding = 'br' | 'gzip';

/**
 * Compressed copies of the build's text files, made once per file on first request and kept: the
 * build never changes while the server runs. Brotli at its best quality (a one-off cost), gzip as
 * the fallback. Without this the first visit over 2G/3G downloaded about three times the bytes.
 */
function compressedFiles(root: string) {
  const memo = new Map<string, Buffer | null>();
  return (urlPath: string, encoding: Encoding): Buffer | null => {
    const key = `${encoding}:${urlPath}`;
    if (memo.has(key)) return memo.get(key)!;
    let out: Buffer | null = null;
    const file = resolve(root, `.${urlPath}`);
    if (file.startsWith(root + sep) && COMPRESSIBLE.test(file) && existsSync(file) && statSync(file).size >= 1024) {
      const raw = readFileSync(file);
      const packed = encoding === 'br'
        ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipSync(raw, { level: 9 });
      if (packed.length < raw.length * 0.9) out = packed;
    }
    memo.set(key, out);
    return out;
  };
}

/**
 * Serves the built PWA from `distDir`, its text files brotli- or gzip-compressed when the client accepts it. Returns the SPA fallback (index.html for client-side
 * routes), or undefined when there is no build (the API still runs).
 */
export async function registerAppShell(
  app: FastifyInstance,
  distDir: string,
): Promise<((req: FastifyRequest, reply: FastifyReply) => FastifyReply) | undefined> {
  const root = resolve(distDir);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn({ distDir: root }, 'no built app (index.html) found: serving the API only');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    cacheControl: false,
    setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(path)),
  });
  const compressed = compressedFiles(root);
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || req.url.startsWith('/api/') || req.url.startsWith('/publico') || reply.getHeader('content-encoding')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    let path: string;
    try {
      path = decodeURIComponent(req.url.split('?')[0]);
    } catch {
      return payload;
    }
    // client-side routes get index.html (the SPA fallback)
    if (type.startsWith('text/html') && !path.endsWith('.html')) path = '/index.html';
    if (!COMPRESSIBLE.test(path)) return payload;
    reply.header('vary', 'Accept-Encoding');
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding: Encoding | undefined = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    const body = encoding && compressed(path, encoding);
    if (!body) return payload;
    (payload as { destroy?: () => void } | null)?.destroy?.(); // the file stream @fastify/static opened
    const etag = reply.getHeader('etag');
    // a weak validator for the encoded variant, as nginx does; revalidation still gets 304
    if (typeof etag === 'string' && !etag.startsWith('W/')) reply.header('etag', `W/${etag}`);
    reply.removeHeader('content-length');
    reply.header('content-encoding', encoding);
    return body;
  });
  return (req, reply) => {
    // A missing file (has an extension) is a 404; anything else is a client-side route.
    const last = basename(req.url.split('?')[0]);
    if (last.includes('.')) return reply.code(404).type('text/plain; charset=utf-8').send('Não encontrado');
    return reply.sendFile('index.html');
  };
}
