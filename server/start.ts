import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import type { ServerLimits } from './config.ts';
import { seedDemoAccounts, seedDemoCentral, type DemoAccount } from './demo.ts';
import { openStore, type StoreLocation } from './store/open-store.ts';
import type { SqlStore } from './store/sql-store.ts';
import { DEFAULT_LIMITS } from './config.ts';

export interface StartOptions {
  port?: number;
  host?: string;
  /** PGlite data directory (default ./data); ignored when databaseUrl is set. */
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); tests and benchmarks isolate themselves this way. */
  databaseSchema?: string;
  /** Built PWA to serve; omitted → API only. */
  distDir?: string;
  /** Seed one account per role (random passwords, returned in demoAccounts). */
  demo?: boolean;
  /** Seed one central account and return a one-time link for it (MOBILIZA_DEMO=1). */
  demoCentral?: boolean;
  appOrigin?: string;
  hsts?: boolean;
  trustProxy?: FastifyServerOptions['trustProxy'];
  logger?: FastifyServerOptions['logger'];
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (port 0 picks a free one). */
  url: string;
  app: FastifyInstance;
  store: SqlStore;
  demoAccounts: DemoAccount[];
  demoCentral?: { login: string; code: string; expiresAt: Date };
  close(): Promise<void>;
}

/** Opens the store (migrations applied), builds the app and listens. Used by main.ts and e2e tests. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const location: StoreLocation = opts.databaseUrl
    ? { databaseUrl: opts.databaseUrl, schema: opts.databaseSchema }
    : { dataDir: opts.dataDir ?? './data' };
  const store = await openStore(location);
  let app: FastifyInstance | undefined;
  try {
    const demoAccounts = opts.demo
      ? await seedDemoAccounts(store, new Date(), opts.limits?.scryptLog2N ?? DEFAULT_LIMITS.scryptLog2N)
      : [];
    const demoCentral = opts.demoCentral
      ? await seedDemoCentral(store, new Date(), opts.limits?.accessCodeHours ?? DEFAULT_LIMITS.accessCodeHours)
      : undefined;
    app = await buildApp({
      store,
      distDir: opts.distDir,
      appOrigin: opts.appOrigin,
      hsts: opts.hsts,
      trustProxy: opts.trustProxy,
      logger: opts.logger,
      limits: opts.limits,
    });
    await app.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<void> | undefined;
    const running = app;
    return {
      url,
      app: running,
      store,
      demoAccounts,
      demoCentral,
      close: () => (closing ??= running.close().then(() => store.close())),
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}
