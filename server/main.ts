import { fileURLToPath } from 'node:url';
import { formatDemoAccounts, formatDemoCentral } from './demo.ts';
import { startServer } from './start.ts';
import { DataDirLockedError } from './store/data-dir-lock.ts';

// Entry point: reads the environment, starts the endpoint (and the built app), closes on signals.
const env = process.env;
const distDir = env.DIST_DIR ?? fileURLToPath(new URL('../dist/', import.meta.url));

const accessCodeHours = env.ACCESS_CODE_HOURS ? Number(env.ACCESS_CODE_HOURS) : undefined;
if (accessCodeHours !== undefined && !(accessCodeHours > 0 && accessCodeHours <= 24 * 90)) {
  console.error('Mobiliza: ACCESS_CODE_HOURS deve ser um número de horas entre 1 e 2160.');
  process.exit(1);
}

try {
  const server = await startServer({
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    distDir,
    demoCentral: env.MOBILIZA_DEMO === '1',
    limits: accessCodeHours ? { accessCodeHours } : undefined,
    // one account per role with printed passwords, for benchmarks and quick API checks
    demo: env.MOBILIZA_DEMO === 'all',
    appOrigin: env.APP_ORIGIN || undefined,
    hsts: env.HSTS === '1',
    trustProxy: env.TRUST_PROXY === '1',
    deviceSecretKey: env.DEVICE_SECRET_KEY || undefined,
    vapid: { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT },
    logger: {
      level: env.LOG_LEVEL ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
  const storage = env.DATABASE_URL ? `PostgreSQL (DATABASE_URL)` : `PGlite em ${env.DATA_DIR ?? './data'}`;
  console.log(`Mobiliza: app e endpoint em ${server.url} (armazenamento: ${storage})`);
  if (server.demoAccounts.length) console.log(formatDemoAccounts(server.url, server.demoAccounts));
  if (server.demoCentral) console.log(formatDemoCentral(server.url, server.demoCentral));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      console.error('erro ao encerrar:', (err as Error).message);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('Mobiliza: não foi possível iniciar o servidor:', (err as Error).message);
  }
  process.exit(1);
}
