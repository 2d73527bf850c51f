import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema, type LoginResponse } from '../../src/domain/api.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { dummyHash, verifyPassword } from '../auth/password.ts';
import { hashToken, newDeviceToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import { SharedWindowLimiter } from '../rate-limiter.ts';
import { parseWithIssues } from './zod-issues.ts';
import { deleteSubscriptionOfSession } from '../notifications/push-store.ts';

const DAY_MS = 24 * 3600 * 1000;

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** POST /auth/sessions (sign in), DELETE /auth/sessions/current (sign out), GET /me. */
export async function authRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, limits, now } = ctx;
  // Counters in the database: every endpoint process on one PostgreSQL sees the same attempts.
  const perAddress = new SharedWindowLimiter(store.rateLimits, 'address', limits.loginMaxPerAddress, limits.loginWindowMs);
  const failuresPerLogin = new SharedWindowLimiter(store.rateLimits, 'login', limits.loginMaxFailuresPerLogin, limits.loginWindowMs);
  // Verified against when the login does not exist, so both answers take the same time.
  let dummy: Promise<string> | undefined;

  const limited = (seconds: number) => new ApiError(429, 'rate_limited', undefined, {}, { 'retry-after': String(seconds) });

  api.post('/auth/sessions', { config: { public: true }, bodyLimit: limits.loginBodyBytes }, async (req, reply) => {
    const t = now().getTime();
    const addressKey = req.ip;
    // One atomic upsert counts this attempt and tells whether it is over the limit.
    const wait = await perAddress.hit(addressKey, t);
    if (wait) throw limited(wait);

    const parsed = parseWithIssues(LoginRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Informe usuário e senha.', { issues: parsed.issues });
    const login = normalizeLogin(parsed.data.login);
    const loginWait = await failuresPerLogin.blockedFor(login, t);
    if (loginWait) throw limited(loginWait);

    const found = await store.accounts.findLogin(login);
    dummy ??= dummyHash(limits.scryptLog2N);
    const ok = await verifyPassword(parsed.data.password, found?.passwordHash ?? (await dummy));
    if (!found || !ok || found.disabled) {
      await failuresPerLogin.hit(login, t);
      throw new ApiError(401, 'invalid_credentials');
    }
    await failuresPerLogin.reset(login);

    const token = newDeviceToken();
    const expiresAt = new Date(t + limits.sessionDays * DAY_MS);
    const sessionId = await store.accounts.createSession({ userId: found.user.id, tokenHash: hashToken(token), deviceName: parsed.data.deviceName, expiresAt, now: now() });
    const device = { id: sessionId, secret: await ctx.deviceSecrets.issue(sessionId) };
    const body: LoginResponse = { token, expiresAt: expiresAt.toISOString(), user: found.user, device };
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });

  api.delete('/auth/sessions/current', async (req, reply) => {
    await store.accounts.revokeSession(req.sessionId as string, userOf(req).id, now());
    await deleteSubscriptionOfSession(store.driver, req.sessionId as string);
    return reply.code(204).send();
  });

  api.get('/me', async (req) => userOf(req));
}
