import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed build output never changes; everything else (index.html, service-worker.js, manifest) is revalidated. */
export function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache';
}

/**
 * Serves the built PWA from `distDir`. Returns the SPA fallback (index.html for client-side
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
  return (req, reply) => {
    // A missing file (has an extension) is a 404; anything else is a client-side route.
    const last = basename(req.url.split('?')[0]);
    if (last.includes('.')) return reply.code(404).type('text/plain; charset=utf-8').send('Não encontrado');
    return reply.sendFile('index.html');
  };
}
