/**
 * Telling "the database is not there right now" apart from a real failure. A PostgreSQL restart
 * kills every connection (57P01 admin shutdown), refuses new ones while it starts (57P03) and
 * leaves node-postgres clients that are no longer queryable; the endpoint answers 503 with
 * Retry-After for these (the phone backs off and retries) and recovers when the database returns.
 */

/** SQLSTATE classes and codes that mean "connection lost / server going away or starting". */
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300|58030)$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection closed',
  'the database system is',
  'terminating connection',
];

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** Thrown by the store when it knows the database is unreachable. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly cause?: unknown) {
    super('database unavailable');
    this.name = 'DatabaseUnavailableError';
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.test(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  // AggregateError from net.connect when every address of the host refuses.
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}
