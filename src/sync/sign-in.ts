import { API_PREFIX, LoginResponseSchema, type LoginResponse } from '../domain/api';
import type { Fetch } from './http';

export type SignInError = 'invalid_credentials' | 'rate_limited' | 'offline' | 'server';

export class SignInFailed extends Error {
  constructor(readonly code: SignInError, readonly serverMessage?: string) {
    super(code);
    this.name = 'SignInFailed';
  }
}

/** POST /auth/sessions. Needs the network once; afterwards the app works offline. */
export async function requestSession(
  opts: { fetch: Fetch; baseUrl: string; timeoutMs?: number },
  login: string,
  password: string,
  deviceName: string,
): Promise<LoginResponse> {
  let res: Response;
  try {
    res = await opts.fetch(`${opts.baseUrl}${API_PREFIX}/auth/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: login.trim(), password, deviceName }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      cache: 'no-store',
    });
  } catch {
    throw new SignInFailed('offline');
  }
  const body = await res.json().catch(() => undefined);
  if (res.status === 201 || res.status === 200) return LoginResponseSchema.parse(body);
  if (res.status === 401) throw new SignInFailed('invalid_credentials', body?.error?.message);
  if (res.status === 429) throw new SignInFailed('rate_limited', body?.error?.message);
  throw new SignInFailed('server', body?.error?.message);
}

/** DELETE /auth/sessions/current (best effort: the token also expires by itself). */
export async function revokeSession(opts: { fetch: Fetch; baseUrl: string }, token: string): Promise<void> {
  try {
    await opts.fetch(`${opts.baseUrl}${API_PREFIX}/auth/sessions/current`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // offline: the device token stays valid until it expires on the server
  }
}
