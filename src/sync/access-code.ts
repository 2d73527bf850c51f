// Phone set-up by link (#13): check a single-use access code, then redeem it with the chosen
// password and device name. Needs the network once; afterwards the app works offline.
import { AccessCodeInfoSchema, type AccessCodeInfo } from '../domain/access';
import { API_PREFIX, LoginResponseSchema, type LoginResponse } from '../domain/api';
import type { Fetch } from './http';

export type AccessCodeError =
  | 'access_code_invalid'
  | 'access_code_used'
  | 'access_code_expired'
  | 'account_disabled'
  | 'invalid_request'
  | 'rate_limited'
  | 'offline'
  | 'server';

const KNOWN: readonly string[] = ['access_code_invalid', 'access_code_used', 'access_code_expired', 'account_disabled', 'invalid_request', 'rate_limited'];

export class AccessCodeFailed extends Error {
  constructor(readonly code: AccessCodeError, readonly serverMessage?: string) {
    super(code);
    this.name = 'AccessCodeFailed';
  }
}

async function post(opts: { fetch: Fetch; baseUrl: string; timeoutMs?: number }, path: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await opts.fetch(`${opts.baseUrl}${API_PREFIX}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      cache: 'no-store',
    });
  } catch {
    throw new AccessCodeFailed('offline');
  }
  const answer = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (res.ok) return answer;
  const code = answer?.error?.code ?? '';
  throw new AccessCodeFailed(res.status === 429 ? 'rate_limited' : KNOWN.includes(code) ? (code as AccessCodeError) : 'server', answer?.error?.message);
}

/** Whose code this is (name, login) and until when it works. */
export async function checkAccessCode(opts: { fetch: Fetch; baseUrl: string }, code: string): Promise<AccessCodeInfo> {
  const r = AccessCodeInfoSchema.safeParse(await post(opts, '/auth/access-codes/check', { code }));
  if (!r.success) throw new AccessCodeFailed('server');
  return r.data;
}

/** Signs this phone in with the code, setting the account's password. */
export async function redeemAccessCode(
  opts: { fetch: Fetch; baseUrl: string },
  code: string,
  password: string,
  deviceName: string,
): Promise<LoginResponse> {
  const r = LoginResponseSchema.safeParse(await post(opts, '/auth/access-codes/redeem', { code, password, deviceName }));
  if (!r.success) throw new AccessCodeFailed('server');
  return r.data;
}
