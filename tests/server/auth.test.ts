import { describe, expect, it } from 'vitest';
import { LoginResponseSchema, UserSchema } from '../../src/domain/api.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { DRIVERS, NOW, PASSWORD, TEST_LOG2N, useEndpoint } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

const LOGIN = '/api/v1/auth/sessions';

describe.each(DRIVERS)('auth on %s', (kind) => {
  const env = useEndpoint(kind);
  const login = (login: string, password = PASSWORD, extra: Record<string, string> = {}) =>
    env.inject({ method: 'POST', url: LOGIN, json: { login, password, ...extra } });

  it('signs in: 201 with a 256-bit token valid 180 days, stored only hashed', async () => {
    await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const res = await login('  ANA ', PASSWORD, { deviceName: 'Moto G' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = LoginResponseSchema.parse(res.json());
    expect(Buffer.from(body.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(body.expiresAt).toBe(new Date(NOW.getTime() + 180 * 86_400_000).toISOString());
    expect(body.user).toMatchObject({ login: 'ana', role: 'agent', municipalityCode: '3106200' });
    const { rows } = await env.store.driver.query<{ token_hash: string; device_name: string }>('SELECT token_hash, device_name FROM sessions');
    expect(rows.map((r) => r.token_hash)).not.toContain(body.token);
    expect(rows.some((r) => r.device_name === 'Moto G')).toBe(true);
    const me = await env.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(UserSchema.parse(me.json())).toEqual(body.user);
  });

  it('401 invalid_credentials for a wrong password, an unknown login and a disabled account', async () => {
    await env.account('ana', 'agent', { municipalityCode: '3106200' });
    await env.account('bia', 'central');
    await env.store.accounts.setUserDisabled('bia', true, NOW);
    for (const res of [await login('ana', 'errada-123'), await login('ninguem'), await login('bia')]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
      expect(res.json().error.message).toMatch(/senha/);
    }
  });

  it('400 invalid_request for a malformed login body or bad JSON; 413 too_large over the login limit', async () => {
    const missing = await env.inject({ method: 'POST', url: LOGIN, json: { login: 'ana' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'invalid_request' });
    expect(missing.json().error.issues[0].path).toBe('password');
    const bad = await env.inject({ method: 'POST', url: LOGIN, json: '{"login":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const big = await env.inject({ method: 'POST', url: LOGIN, json: { login: 'ana', password: 'x'.repeat(5000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('too_large');
  });

  it('401 unauthenticated without a token, with an unknown, malformed, revoked or expired one', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    for (const headers of [{}, { authorization: 'Bearer abc' }, { authorization: `Basic ${ana.token}` }, { authorization: 'Bearer ' + 'x'.repeat(43) }]) {
      const res = await env.inject({ method: 'GET', url: '/api/v1/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    const out = await env.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/current', account: ana });
    expect(out.statusCode).toBe(204);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: ana })).statusCode).toBe(401);
    expect((await env.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/current', account: ana })).statusCode).toBe(401);

    const bia = await env.account('bia', 'central'); // helper sessions expire after one day
    await env.rebuild({ now: () => new Date(NOW.getTime() + 2 * 86_400_000) });
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: bia })).statusCode).toBe(401);
  });

  it('disabling an account or resetting its password ends its sessions', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const bia = await env.account('bia', 'regional', { regional: 'Belo Horizonte' });
    await env.store.accounts.setUserDisabled('ana', true, NOW);
    await env.store.accounts.setPassword('bia', await hashPassword('nova-senha-456', TEST_LOG2N), NOW);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: ana })).statusCode).toBe(401);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: bia })).statusCode).toBe(401);
    expect((await login('bia', 'nova-senha-456')).statusCode).toBe(201);
    await env.store.accounts.setUserDisabled('ana', false, NOW);
    expect((await login('ana')).statusCode).toBe(201);
    const audit = await auditOf(env.store, 'user', ana.user.id);
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.disabled', 'user.enabled']);
  });

  it('429 rate_limited after too many failures for one login, even with the right password', async () => {
    await env.rebuild({ limits: { loginMaxFailuresPerLogin: 3 } });
    await env.account('ana', 'agent', { municipalityCode: '3106200' });
    await env.account('bia', 'central');
    for (let i = 0; i < 3; i++) expect((await login('ana', 'errada-000')).statusCode).toBe(401);
    const blocked = await login('ana');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('bia')).statusCode).toBe(201); // another login from the same address
  });

  it('429 rate_limited after too many attempts from one address', async () => {
    await env.rebuild({ limits: { loginMaxPerAddress: 4 } });
    await env.account('ana', 'agent', { municipalityCode: '3106200' });
    for (let i = 0; i < 4; i++) expect((await login(`x${i}`)).statusCode).toBe(401);
    const res = await login('ana');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
  });
});
