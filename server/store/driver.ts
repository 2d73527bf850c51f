/**
 * The tiny SQL driver interface the store runs on. Two implementations: PGlite (embedded, default)
 * and node-postgres (DATABASE_URL). Both return the same shapes: int8 as number, bytea as Buffer,
 * timestamptz as Date, json/jsonb parsed. Always pass jsonb parameters as JSON.stringify(value).
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Driver extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction (commit on return, rollback on throw). Inside fn use only `tx`:
   * on PGlite a query on the driver itself would wait for the transaction and deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One turn of the event loop through its poll phase (sockets read, other requests served). PGlite's
 * queries run on this thread and resolve through microtasks: a loop of queries must call this
 * between them. Two `setImmediate`s: one set from an I/O callback (a request's handler) runs in the
 * same turn's check phase, before the loop polls again — the Painel's first two queries then ran
 * back to back (~100 ms at the whole state's size, tests/server/pglite-blocking.test.ts).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
