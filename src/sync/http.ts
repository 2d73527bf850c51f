import { API_PREFIX, type ApiError } from '../domain/api';

export type Fetch = typeof fetch;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** the endpoint's error body (ApiErrorSchema), when it sent one */
    readonly body: Partial<ApiError> | undefined,
    readonly retryAfter: string | null,
  ) {
    super(`HTTP ${status}${body?.error?.code ? ` ${body.error.code}` : ''}`);
    this.name = 'HttpError';
  }
}

export interface HttpClient {
  /** `bytes`: size of the body, for the timeout */
  /** `ifNoneMatch`: an ETag; the answer may then be `304` (returned, not thrown) */
  request(method: string, path: string, init?: { body?: BodyInit; contentType?: string; bytes?: number; ifNoneMatch?: string }): Promise<Response>;
}

/** Timeout for one request: a floor plus the time the body needs on a ~2 KB/s (2G) uplink. */
export function timeoutFor(bytes = 0): number {
  return 20_000 + Math.ceil(bytes / 2048) * 1000;
}

/**
 * A small fetch wrapper: API prefix, bearer token, a timeout on every request (no hanging on a
 * dead link), the caller's signal, and non-2xx answers thrown as HttpError with the parsed body.
 */
export function createHttpClient(opts: {
  fetch: Fetch;
  baseUrl: string;
  token: string;
  signal?: AbortSignal;
  timeoutMs?: (bytes: number) => number;
}): HttpClient {
  const timeoutOf = opts.timeoutMs ?? timeoutFor;
  return {
    async request(method, path, init = {}) {
      const timeout = AbortSignal.timeout(timeoutOf(init.bytes ?? 0));
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
      if (init.contentType) headers['content-type'] = init.contentType;
      if (init.ifNoneMatch) headers['if-none-match'] = init.ifNoneMatch;
      let res: Response;
      try {
        res = await opts.fetch(`${opts.baseUrl}${API_PREFIX}${path}`, { method, headers, body: init.body, signal, cache: 'no-store' });
      } catch (error) {
        // A timeout surfaces as AbortError from fetch; report it as such unless the caller aborted.
        if (timeout.aborted && !opts.signal?.aborted) throw Object.assign(new Error('request timed out'), { name: 'TimeoutError' });
        throw error;
      }
      if (res.ok || (method === 'HEAD' && res.status === 404) || (init.ifNoneMatch && res.status === 304)) return res;
      let body: HttpError['body'];
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      throw new HttpError(res.status, body, res.headers.get('retry-after'));
    },
  };
}
