import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccessCodeCheckSchema, ACCESS_CODE_RE, PasswordChangeSchema, RedeemRequestSchema, type AccessCodeInfo } from '../../src/domain/access.ts';
import type { LoginResponse } from '../../src/domain/api.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { hashToken, newDeviceToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import { SharedWindowLimiter } from '../rate-limiter.ts';
import type { RedeemOutcome } from '../store/admin.ts';
import { parseWithIssues } from './zod-issues.ts';

const DAY_MS = 24 * 3600 * 1000;
const REFUSAL_STATUS = { access_code_invalid: 404, access_code_used: 410, access_code_expired: 410, account_disabled: 403 } as const;

/**
 * Phones set up by link: check and redeem a single-use access code (public, rate-limited per
 * address like sign-in). And what a user does for themselves: devices, sign out others, password.
 */
export async function accessCodeRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const admin = ctx.store.admin;
  const { limits, now } = ctx;
  const perAddress = new SharedWindowLimiter(ctx.store.rateLimits, 'code-address', limits.loginMaxPerAddress, limits.loginWindowMs);
  const failuresPerAddress = new SharedWindowLimiter(ctx.store.rateLimits, 'code-failures', limits.accessCodeMaxFailuresPerAddress, limits.loginWindowMs);
  const passwordFailures = new SharedWindowLimiter(ctx.store.rateLimits, 'password-change', limits.loginMaxFailuresPerLogin, limits.loginWindowMs);
  const publicRoute = { config: { public: true }, bodyLimit: limits.loginBodyBytes };

  const limited = (seconds: number) => new ApiError(429, 'rate_limited', undefined, {}, { 'retry-after': String(seconds) });

  /** Counts the attempt; refuses when the address tried too often or failed too often. */
  async function gate(req: FastifyRequest): Promise<number> {
    const t = now().getTime();
    const wait = (await perAddress.blockedFor(req.ip, t)) || (await failuresPerAddress.blockedFor(req.ip, t));
    if (wait) throw limited(wait);
    await perAddress.hit(req.ip, t);
    return t;
  }

  async function refuse(req: FastifyRequest, t: number, outcome: Exclude<RedeemOutcome['outcome'], 'ok'>): Promise<never> {
    await failuresPerAddress.hit(req.ip, t);
    throw new ApiError(REFUSAL_STATUS[outcome], outcome);
  }

  api.post('/auth/access-codes/check', publicRoute, async (req, reply) => {
    const t = await gate(req);
    const parsed = parseWithIssues(AccessCodeCheckSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Informe o código de acesso.', { issues: parsed.issues });
    if (!ACCESS_CODE_RE.test(parsed.data.code)) return refuse(req, t, 'access_code_invalid');
    const found = await admin.checkCode(hashToken(parsed.data.code), now());
    if (found.outcome !== 'ok') return refuse(req, t, found.outcome);
    const body: AccessCodeInfo = { login: found.user.login, name: found.user.name, expiresAt: (found.expiresAt as Date).toISOString() };
    return reply.header('cache-control', 'no-store').send(body);
  });

  api.post('/auth/access-codes/redeem', publicRoute, async (req, reply) => {
    const t = await gate(req);
    const parsed = parseWithIssues(RedeemRequestSchema, req.body);
    if (!parsed.success) {
      throw new ApiError(400, 'invalid_request', parsed.issues.map((i) => i.message).join('; '), { issues: parsed.issues });
    }
    if (!ACCESS_CODE_RE.test(parsed.data.code)) return refuse(req, t, 'access_code_invalid');
    const passwordHash = await hashPassword(parsed.data.password, limits.scryptLog2N);
    const token = newDeviceToken();
    const expiresAt = new Date(t + limits.sessionDays * DAY_MS);
    const r = await admin.redeem({ codeHash: hashToken(parsed.data.code), passwordHash, tokenHash: hashToken(token),
      deviceName: parsed.data.deviceName, sessionExpiresAt: expiresAt, now: now() });
    if (r.outcome !== 'ok') return refuse(req, t, r.outcome);
    const device = r.sessionId ? { id: r.sessionId, secret: await ctx.deviceSecrets.issue(r.sessionId) } : undefined;
    const body: LoginResponse = { token, expiresAt: expiresAt.toISOString(), user: r.user, device };
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });

  // ── the signed-in user's own devices and password ─────────────────────────

  api.get('/me/devices', async (req, reply) => {
    const devices = await admin.devices(userOf(req).id, now());
    return reply.header('cache-control', 'no-store').send({ devices: devices.map((d) => ({ ...d, current: d.id === req.sessionId })) });
  });

  api.delete<{ Params: { id: string } }>('/me/devices/:id', async (req, reply) => {
    const user = userOf(req);
    if (!(await admin.revokeDevice(user.id, user.id, req.params.id, now()))) throw new ApiError(404, 'not_found', 'Aparelho não encontrado (talvez já tenha saído).');
    return reply.code(204).send();
  });

  api.post('/me/devices/revoke-others', async (req) => ({
    revoked: await admin.revokeOtherDevices(userOf(req).id, req.sessionId as string, now()),
  }));

  api.put('/me/password', { bodyLimit: limits.loginBodyBytes }, async (req) => {
    const user = userOf(req);
    const t = now().getTime();
    const wait = await passwordFailures.blockedFor(user.id, t);
    if (wait) throw limited(wait);
    const parsed = parseWithIssues(PasswordChangeSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', parsed.issues.map((i) => i.message).join('; '), { issues: parsed.issues });
    const stored = await admin.passwordHashOf(user.id);
    if (!stored || !(await verifyPassword(parsed.data.currentPassword, stored))) {
      await passwordFailures.hit(user.id, t);
      throw new ApiError(403, 'wrong_password');
    }
    await passwordFailures.reset(user.id);
    const hash = await hashPassword(parsed.data.newPassword, limits.scryptLog2N);
    const revoked = await admin.changeOwnPassword(user.id, hash, parsed.data.signOutOthers ? (req.sessionId as string) : undefined, now());
    return { revoked };
  });
}
