// first-load module
// How an error is recognised, in one place (page, service worker, photo worker).

const nameOf = (error: unknown) => (error as { name?: string } | null | undefined)?.name;

/** A cancellation (AbortController, a closed dialog): silent, never shown as a failure. */
export const isAbortError = (error: unknown): boolean => nameOf(error) === 'AbortError';

/** A request that took too long (src/sync/http.ts raises it; fetch's own AbortSignal.timeout too). */
export const isTimeoutError = (error: unknown): boolean => nameOf(error) === 'TimeoutError';

/** The reason to throw for an aborted signal. */
export const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('Aborted', 'AbortError');

type ErrorLike = { name?: string; inner?: unknown; cause?: unknown; failures?: unknown } | null | undefined;

/** The error and what it wraps (Dexie's `inner`, `cause`, and the `failures` of Dexie's ModifyError
 * and BulkError, whose own name says nothing), breadth first, a bounded number of them. */
function* errorChain(error: unknown): Generator<NonNullable<ErrorLike>> {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 20; seen++) {
    const e = queue.shift() as ErrorLike;
    if (!e || typeof e !== 'object') continue;
    yield e;
    if (e.inner) queue.push(e.inner);
    if (e.cause) queue.push(e.cause);
    if (Array.isArray(e.failures)) queue.push(...e.failures.slice(0, 5));
  }
}

/** QuotaExceededError itself, or wrapped by Dexie (e.g. a transaction AbortError whose `inner` is the quota error). */
export function isQuotaError(error: unknown): boolean {
  for (const e of errorChain(error)) if (e.name === 'QuotaExceededError') return true;
  return false;
}

/** Error names IndexedDB and Dexie give a write the storage could not take (full disk, a broken or
 * closed database). `AbortError` is among them: a failed transaction reaches us as Dexie's
 * AbortError, often with no QuotaExceededError inside, so only the caller's own signal can say
 * "the user cancelled". */
const STORAGE_ERROR_NAMES = new Set([
  'QuotaExceededError',
  'AbortError',
  'DatabaseClosedError',
  'UnknownError',
  'OpenFailedError',
  'InvalidStateError',
  'TransactionInactiveError',
  'VersionError',
]);

/** How a failed database operation is classified: 'quota' when a QuotaExceededError is in the chain,
 * 'storage' for any other storage failure, undefined for anything else (a refused photo, a bug). */
export function storageFailureKind(error: unknown): 'quota' | 'storage' | undefined {
  if (isQuotaError(error)) return 'quota';
  for (const e of errorChain(error)) if (e.name && STORAGE_ERROR_NAMES.has(e.name)) return 'storage';
  return undefined;
}
