/** How a failed delivery attempt is handled. */
export type Outcome =
  | { kind: 'retry'; message: string; retryAfterMs?: number }
  | { kind: 'unauthorized' }
  | { kind: 'rejected'; message: string };

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
    return { kind: 'retry', message: 'A regional pediu para aguardar (muitas tentativas).', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined };
  }
  if (status >= 500 || status === 408) return { kind: 'retry', message: `O servidor da regional falhou (erro ${status}). Nova tentativa automática.` };
  const message = body?.error?.message ?? `A regional recusou o envio (erro ${status}).`;
  return { kind: 'rejected', message };
}

/** Network failures and timeouts: always retried. */
export function classifyFailure(error: unknown): Outcome {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError') return { kind: 'retry', message: 'A conexão ficou lenta demais e o envio foi interrompido. Nova tentativa automática.' };
  return { kind: 'retry', message: 'Sem conexão com a regional. O envio continua quando a internet voltar.' };
}
