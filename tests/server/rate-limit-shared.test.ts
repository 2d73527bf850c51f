// Two endpoint processes on one PostgreSQL schema share the sign-in limits (counters in the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { dropSchema, NOW, PASSWORD, pgLocation, TEST_LOG2N } from './helpers.ts';

describe.skipIf(!process.env.DATABASE_URL)('sign-in rate limits across two processes on PostgreSQL', () => {
  const loc = process.env.DATABASE_URL ? pgLocation() : undefined;
  let a: RunningServer;
  let b: RunningServer;
  const limits = { scryptLog2N: TEST_LOG2N, loginMaxFailuresPerLogin: 3, loginMaxPerAddress: 8 };

  beforeAll(async () => {
    if (!loc) return;
    a = await startServer({ databaseUrl: loc.databaseUrl, databaseSchema: loc.schema, port: 0, limits });
    b = await startServer({ databaseUrl: loc.databaseUrl, databaseSchema: loc.schema, port: 0, limits });
    await a.store.accounts.createUser({ login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200', passwordHash: await hashPassword(PASSWORD, TEST_LOG2N) }, NOW);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (loc) await dropSchema(loc);
  });

  const signIn = async (s: RunningServer, login: string, password: string) => {
    const res = await fetch(`${s.url}/api/v1/auth/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as { error?: { code: string } } };
  };

  it('failures counted on one process block the login on the other; the address limit is shared too', async () => {
    expect((await signIn(a, 'ana', 'errada')).status).toBe(401);
    expect((await signIn(b, 'ana', 'errada')).status).toBe(401);
    expect((await signIn(a, 'ana', 'errada')).status).toBe(401);
    // Three failures in all, spread over both processes: the right password is refused on either.
    for (const s of [b, a]) {
      const r = await signIn(s, 'ana', PASSWORD);
      expect(r.status).toBe(429);
      expect(r.body.error?.code).toBe('rate_limited');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    // 5 attempts from 127.0.0.1 so far; the limit of 8 per address is reached across both processes.
    expect((await signIn(b, 'bia', 'x')).status).toBe(401);
    expect((await signIn(a, 'bia', 'x')).status).toBe(401);
    expect((await signIn(b, 'bia', 'x')).status).toBe(401);
    expect((await signIn(a, 'bia', 'x')).status).toBe(429);
    expect((await signIn(b, 'caio', 'x')).status).toBe(429);
  }, 60_000);
});
