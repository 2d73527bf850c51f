import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { loadMigrations } from '../store/migrate.ts';
import { RETRY_AFTER_SECONDS } from '../store/db-unavailable.ts';

/**
 * For a load balancer or systemd watchdog, outside /api (no token):
 * GET /healthz — the process answers; GET /readyz — the database answers and every migration
 * this build knows is applied (503 with Retry-After otherwise).
 */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const expected = Math.max(0, ...loadMigrations().map((m) => m.version));
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    let applied = 0;
    try {
      const { rows } = await ctx.store.driver.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      applied = rows[0]?.v ?? 0;
    } catch (err) {
      req.log.warn({ err: { code: (err as { code?: string }).code, message: (err as Error).message } }, 'readyz: database not answering');
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ status: 'unavailable', database: false });
    }
    if (applied < expected) {
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ status: 'migrating', database: true, migration: applied, expected });
    }
    return reply.send({ status: 'ready', database: true, migration: applied });
  });
}
