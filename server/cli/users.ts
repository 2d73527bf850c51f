import type { StoreLocation } from '../store/open-store.ts';
import { runUsersCli } from './users-cli.ts';

// Entry of `npm run users -- …`: same storage as the server (DATABASE_URL, or PGlite in DATA_DIR).
const env = process.env;
const location: StoreLocation = env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? './data' };
process.exitCode = await runUsersCli(process.argv.slice(2), location);
