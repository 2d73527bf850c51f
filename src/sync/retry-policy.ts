import type { Note } from '../domain/note';
import { isTimeoutError } from '../domain/errors';

/** How a failed delivery attempt is handled (`note` is stored on the row; texts in src/ui/messages.ts). */
export type Outcome =
  | { kind: 'retry'; note: Note; retryAfterMs?: number }
  | { kind: 'unauthorized' }
  | { kind: 'rejected'; note: Note };

export const BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000 } as const;

/**
 * Delay before attempt `attempts + 1`: exponential from ~2 s, capped at 5 min, with jitter in
 * [50 %, 100 %] of the step so phones that lost the network together do not return together.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}

/** Classifies an HTTP status (with the endpoint's error body) into what the queue does next. */
export function classifyResponse(status: number, body: { error?: { code?: string; message?: string } } | undefined, retryAfter?: string | null): Outcome {
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 429) {
    const seconds = Number(retryAfter);
    return { kind: 'retry', note: { code: 'rate_limited' }, retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined };
  }
  if (status >= 500 || status === 408) return { kind: 'retry', note: { code: 'server_error', detail: { status } } };
  const detail: Note['detail'] = { status };
  if (body?.error?.code) detail.serverCode = body.error.code;
  if (body?.error?.message) detail.message = body.error.message;
  return { kind: 'rejected', note: { code: 'rejected', detail } };
}

/** Network failures and timeouts: always retried. */
export function classifyFailure(error: unknown): Outcome {
  return { kind: 'retry', note: { code: isTimeoutError(error) ? 'timeout' : 'offline' } };
}
