import pg from 'pg';
import { isDatabaseUnavailable } from './db-unavailable.ts';
import type { Driver, QueryResult, Queryable } from './driver.ts';

const INT8_OID = 20;

/** int8 (counts, sums, identities) as number, like the PGlite driver; everything else as pg does. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const r = await client.query(sql, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export interface PgDriverOptions {
  connectionString: string;
  /** Run everything inside this schema (created if missing); tests isolate each file this way. */
  schema?: string;
  maxConnections?: number;
  /**
   * How long a request waits for a connection (pool busy, or a database that does not answer)
   * before it is answered 503 (ms). A stopped database refuses at once and is not waited for.
   */
  connectTimeoutMs?: number;
  /** Where lost-connection errors are reported (they are handled, never fatal). */
  onConnectionError?: (err: Error) => void;
}

/** node-postgres pool on DATABASE_URL. */
export async function openPgDriver(opts: PgDriverOptions): Promise<Driver> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error('invalid schema name');
  if (opts.schema) {
    const c = new pg.Client({ connectionString: opts.connectionString });
    await c.connect();
    try {
      // IF NOT EXISTS alone races when two processes start at once; the advisory lock serializes them.
      await c.query('BEGIN');
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('mobiliza:schema', 0))`);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
      await c.query('COMMIT');
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.maxConnections ?? 10,
    types: typeParsers,
    options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 30_000,
  });
  // A client that loses its connection emits 'error': on the pool while idle, on the client itself
  // while checked out (57P01 when PostgreSQL restarts). Without a listener either kills the process.
  // The query in flight fails on its own; the pool drops broken clients and opens new ones.
  const report = opts.onConnectionError ?? (() => {});
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  await pool.query('SELECT 1');
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        broken = isDatabaseUnavailable(err);
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        // A broken connection is destroyed instead of going back to the pool.
        client.release(broken || undefined);
      }
    },
    close: () => pool.end(),
  };
}
