import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF, classifyFailure, classifyResponse } from '../../src/sync/retry-policy';

describe('classifyResponse', () => {
  it('401 pauses for a new sign-in', () => {
    expect(classifyResponse(401, undefined)).toEqual({ kind: 'unauthorized' });
  });

  it('429 retries, honouring Retry-After in seconds when it is a positive number', () => {
    expect(classifyResponse(429, undefined, '30')).toEqual({ kind: 'retry', note: { code: 'rate_limited' }, retryAfterMs: 30_000 });
    expect(classifyResponse(429, undefined, 'soon')).toEqual({ kind: 'retry', note: { code: 'rate_limited' }, retryAfterMs: undefined });
    expect(classifyResponse(429, undefined, '0')).toMatchObject({ retryAfterMs: undefined });
  });

  it('5xx and 408 retry with the status kept', () => {
    expect(classifyResponse(503, undefined)).toEqual({ kind: 'retry', note: { code: 'server_error', detail: { status: 503 } } });
    expect(classifyResponse(408, undefined)).toEqual({ kind: 'retry', note: { code: 'server_error', detail: { status: 408 } } });
  });

  it('any other 4xx is a refusal that keeps the endpoint code and message as data', () => {
    expect(classifyResponse(422, { error: { code: 'invalid_report', message: 'Ação 1 — Data: inválida' } })).toEqual({
      kind: 'rejected', note: { code: 'rejected', detail: { status: 422, serverCode: 'invalid_report', message: 'Ação 1 — Data: inválida' } },
    });
    expect(classifyResponse(404, undefined)).toEqual({ kind: 'rejected', note: { code: 'rejected', detail: { status: 404 } } });
  });
});

describe('classifyFailure', () => {
  it('tells a timeout from a lost connection; both retry', () => {
    expect(classifyFailure(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toEqual({ kind: 'retry', note: { code: 'timeout' } });
    expect(classifyFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'retry', note: { code: 'offline' } });
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s with jitter in [50 %, 100 %] and stops at 5 min', () => {
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF.capMs);
  });
});
