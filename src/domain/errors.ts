// first-load module
// How an error is recognised, in one place (page, service worker, photo worker).

const nameOf = (error: unknown) => (error as { name?: string } | null | undefined)?.name;

/** A cancellation (AbortController, a closed dialog): silent, never shown as a failure. */
export const isAbortError = (error: unknown): boolean => nameOf(error) === 'AbortError';

/** A request that took too long (src/sync/http.ts raises it; fetch's own AbortSignal.timeout too). */
export const isTimeoutError = (error: unknown): boolean => nameOf(error) === 'TimeoutError';

/** The reason to throw for an aborted signal. */
export const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('Aborted', 'AbortError');

/** QuotaExceededError itself, or wrapped by Dexie (e.g. a transaction AbortError whose `inner` is the quota error). */
export function isQuotaError(error: unknown): boolean {
  let e = error as { name?: string; inner?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.name === 'QuotaExceededError') return true;
    e = (e.inner ?? e.cause) as typeof e;
  }
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
  let e = error as { name?: string; inner?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.name && STORAGE_ERROR_NAMES.has(e.name)) return 'storage';
    e = (e.inner ?? e.cause) as typeof e;
  }
  return undefined;
}
