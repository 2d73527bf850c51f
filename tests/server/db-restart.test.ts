// A PostgreSQL restart under concurrent load: the endpoint stays up, answers 503 unavailable with
// Retry-After while the database is gone, and 2xx again once it is back — without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { postgresBinDir, startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres.ts';
import { fakeImage, NOW } from './helpers.ts';

const bin = postgresBinDir();
if (!bin) console.warn('db-restart.test.ts skipped: no PostgreSQL server binaries (apt-get install postgresql)');

describe.skipIf(!bin)('PostgreSQL restart under load', () => {
  let pg: OwnPostgres;
  let server: RunningServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    server = await startServer({ databaseUrl: pg.url, port: 0, limits: { scryptLog2N: 10 } });
    const user = await server.store.accounts.createUser(
      { login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200', passwordHash: 'x' }, NOW);
    const token = newDeviceToken();
    await server.store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000), now: new Date() });
    auth = { authorization: `Bearer ${token}` };
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await pg?.destroy();
  });

  it('answers only 2xx or 503 (Retry-After) while PostgreSQL stops and starts, then recovers', async () => {
    const seen: { status: number; at: number; retryAfter: string | null; code?: string }[] = [];
    const failures: string[] = [];
    let running = true;
    const client = async (n: number) => {
      while (running) {
        const write = n % 3 === 0;
        const image = write ? fakeImage({ size: 2000 }) : undefined;
        try {
          const res = image
            ? await fetch(`${server.url}/api/v1/photos/${image.sha256}`, { method: 'PUT', headers: { ...auth, 'content-type': image.type }, body: image.bytes })
            : await fetch(`${server.url}/api/v1/reports`, { headers: auth });
          const body = await res.text();
          seen.push({ status: res.status, at: Date.now(), retryAfter: res.headers.get('retry-after'),
            code: res.status >= 400 ? (JSON.parse(body) as { error: { code: string } }).error.code : undefined });
        } catch (err) {
          failures.push((err as Error).message);
        }
        if (!running) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const clients = Array.from({ length: 30 }, (_, i) => client(i));
    await new Promise((r) => setTimeout(r, 1500));

    const stoppedAt = Date.now();
    await pg.stop('fast');
    await new Promise((r) => setTimeout(r, 2000));
    const health = await fetch(`${server.url}/healthz`);
    const readyDown = await fetch(`${server.url}/readyz`);
    await pg.start();
    const startedAt = Date.now();

    // Recovery: wait for answers after the restart to be 2xx again.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !seen.some((s) => s.at > startedAt + 500 && s.status < 300)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await Promise.all(clients);
    const readyUp = await fetch(`${server.url}/readyz`);

    expect(failures).toEqual([]);
    const statuses = new Set(seen.map((s) => s.status));
    expect([...statuses].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    const unavailable = seen.filter((s) => s.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((s) => s.retryAfter === '5' && s.code === 'unavailable')).toBe(true);
    expect(seen.some((s) => s.at < stoppedAt && s.status < 300)).toBe(true);
    const tail = seen.filter((s) => s.at > Date.now() - 1000);
    expect(tail.length).toBeGreaterThan(10);
    expect(tail.every((s) => s.status < 300)).toBe(true);
    expect(health.status).toBe(200);
    expect(readyDown.status).toBe(503);
    expect(readyDown.headers.get('retry-after')).toBe('5');
    expect(readyUp.status).toBe(200);
    expect(await readyUp.json()).toMatchObject({ status: 'ready', database: true });
  }, 120_000);
});
