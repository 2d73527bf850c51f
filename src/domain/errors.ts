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
