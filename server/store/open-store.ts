import { join } from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { Driver } from './driver.ts';
import { openPgDriver } from './pg-driver.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { SqlStore } from './sql-store.ts';
import { keepStatistics } from './statistics.ts';

export type StoreLocation =
  | { databaseUrl: string; schema?: string }
  | { dataDir: string }
  | { memory: true };

export function describeLocation(loc: StoreLocation): string {
  if ('databaseUrl' in loc) return `PostgreSQL ${new URL(loc.databaseUrl).host}${loc.schema ? ` (schema ${loc.schema})` : ''}`;
  if ('dataDir' in loc) return `PGlite ${loc.dataDir}`;
  return 'PGlite (memory)';
}

/**
 * Opens the store (PostgreSQL when a URL is given, else PGlite in `<dataDir>/pglite` under the
 * `<dataDir>/.lock` file) and applies pending migrations. close() releases the lock.
 */
export async function openStore(loc: StoreLocation): Promise<SqlStore> {
  let driver: Driver;
  let release = () => {};
  if ('databaseUrl' in loc) {
    driver = await openPgDriver({ connectionString: loc.databaseUrl, schema: loc.schema });
  } else if ('dataDir' in loc) {
    release = acquireDataDirLock(loc.dataDir);
    try {
      driver = await openPgliteDriver(join(loc.dataDir, 'pglite'));
    } catch (err) {
      release();
      throw err;
    }
  } else {
    driver = await openPgliteDriver('memory://');
  }
  const base = driver;
  const closing = keepStatistics({ ...base, close: async () => { try { await base.close(); } finally { release(); } } });
  const store = new SqlStore(closing);
  try {
    await store.migrate();
    // Fresh statistics for the planner (new indexes, a database restored or migrated from elsewhere).
    await closing.exec('ANALYZE');
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
