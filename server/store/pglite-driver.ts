import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Driver, QueryResult, Queryable } from './driver.ts';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(db: PgliteLike): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const r = await db.query<R>(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * PGlite in this process. `dataDir` is a directory (the caller holds the lock file) or
 * 'memory://'. Bytea goes through binary serializers: PGlite's default hex round trip is ~10×
 * slower (SERVER-NOTES §4).
 */
export async function openPgliteDriver(dataDir: string): Promise<Driver> {
  const db = await PGlite.create({
    dataDir,
    parsers: {
      [types.INT8]: (v: string) => Number(v),
      [types.BYTEA]: (v: string) => Buffer.from(v.slice(2), 'hex'),
    },
    serializers: { [types.BYTEA]: (v: unknown) => v as string },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
