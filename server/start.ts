import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import type { ServerLimits } from './config.ts';
import { seedDemoAccounts, seedDemoCentral, type DemoAccount } from './demo.ts';
import { openStore, type StoreLocation } from './store/open-store.ts';
import type { SqlStore } from './store/sql-store.ts';
import { DEFAULT_LIMITS } from './config.ts';
import { startNotificationScheduler, type SchedulerConfig } from './notifications/notification-scheduler.ts';
import { loadVapidDetails, type VapidDetails } from './notifications/vapid.ts';

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
  /** Web Push keys (VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY/VAPID_SUBJECT); generated and stored when absent. */
  vapid?: Partial<VapidDetails>;
  /** What reaches the push services (tests: a local mock). */
  pushFetch?: typeof fetch;
  /** Key sealing the device secrets of Plan B (DEVICE_SECRET_KEY). */
  deviceSecretKey?: string;
  /** The notification scheduler's settings; false = do not run it in this process. */
  notifications?: false | Partial<SchedulerConfig>;
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
    const vapid = await loadVapidDetails(store.driver, opts.vapid);
    const pushFetch = opts.pushFetch ?? globalThis.fetch;
    let wake = () => {};
    const demoCentral = opts.demoCentral
      ? await seedDemoCentral(store, new Date(), opts.limits?.accessCodeHours ?? DEFAULT_LIMITS.accessCodeHours)
      : undefined;
    app = await buildApp({
      push: { vapid, fetch: pushFetch, wake: () => wake() },
      store,
      distDir: opts.distDir,
      appOrigin: opts.appOrigin,
      hsts: opts.hsts,
      trustProxy: opts.trustProxy,
      logger: opts.logger,
      limits: opts.limits,
      deviceSecretKey: opts.deviceSecretKey,
    });
    await app.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const scheduler = opts.notifications === false ? undefined : startNotificationScheduler({
      driver: store.driver, vapid, now: () => new Date(), fetch: pushFetch, log: app.log, config: opts.notifications,
    });
    if (scheduler) wake = scheduler.wake;
    let closing: Promise<void> | undefined;
    const running = app;
    return {
      url,
      app: running,
      store,
      demoAccounts,
      demoCentral,
      close: () => (closing ??= (scheduler?.stop() ?? Promise.resolve()).then(() => running.close()).then(() => store.close())),
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}
