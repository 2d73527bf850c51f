import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginResponseSchema } from '../../src/domain/api.ts';
import { buildApp } from '../../server/app.ts';
import { startServer } from '../../server/start.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { TEST_LOG2N, useEndpoint } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'mobiliza-http-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
writeFileSync(join(dist, 'service-worker.js'), 'self.addEventListener("fetch", () => {});');
writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Mobiliza"}');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
const bigScript = Array.from({ length: 400 }, (_, i) => `export const value${i} = "mobiliza ${i}";`).join('\n');
writeFileSync(join(dist, 'assets', 'big-abc123.js'), bigScript);
afterAll(() => rmSync(root, { recursive: true, force: true }));

// HTTP behaviour that does not depend on the driver: PGlite only.
describe('app shell, headers and errors', () => {
  const env = useEndpoint('pglite', () => ({ distDir: dist }));

  it('serves the PWA: no-cache for index.html and the service worker, immutable assets, SPA fallback', async () => {
    const index = await env.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const sw = await env.inject({ method: 'GET', url: '/service-worker.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toMatch(/javascript/);
    const asset = await env.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const deep = await env.inject({ method: 'GET', url: '/relatorios/2026-11?x=1' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="app">');
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect((await env.inject({ method: 'GET', url: '/nada.js' })).statusCode).toBe(404);
  });

  it('compresses the build text files for clients that accept it (brotli, else gzip), never the API', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const url = '/assets/big-abc123.js';
    const br = await env.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBeLessThan(bigScript.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(bigScript);
    const gz = await env.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(bigScript);
    const plain = await env.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bigScript);
    // revalidation of the compressed variant still answers 304
    const again = await env.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
    expect(again.statusCode).toBe(304);
    // tiny files go as they are
    expect((await env.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined();
    const me = await env.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-encoding': 'br' } });
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('sends the security headers the PWA works under', async () => {
    const res = await env.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "worker-src 'self' blob:", "img-src 'self' blob: data:",
      "connect-src 'self'", "manifest-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    await env.rebuild({ hsts: true });
    expect((await env.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toMatch(/max-age=15552000/);
  });

  it('unknown API routes: 404 not_found as JSON', async () => {
    for (const url of ['/api/v1/nada', '/api/other']) {
      const res = await env.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Recurso não encontrado.' } });
    }
  });

  it('CORS only for the configured app origin', async () => {
    await env.rebuild({ appOrigin: 'https://app.mobiliza.mg.gov.br', distDir: dist });
    const preflight = await env.inject({ method: 'OPTIONS', url: '/api/v1/reports', headers: {
      origin: 'https://app.mobiliza.mg.gov.br', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.mobiliza.mg.gov.br');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await env.inject({ method: 'GET', url: '/api/v1/me', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await env.inject({ method: 'GET', url: '/api/v1/me', headers: { origin: 'https://app.mobiliza.mg.gov.br' } });
    expect(allowed.statusCode).toBe(401);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.mobiliza.mg.gov.br');
  });

  it('500 internal_error with a generic message: no stack, no SQL, no secrets', async () => {
    const logs: string[] = [];
    const broken = {
      accounts: {
        sessionByToken: async () => {
          throw Object.assign(new Error('relation "sessions" does not exist'), { code: '42P01', query: 'SELECT … token_hash', params: ['secret'] });
        },
      },
    } as unknown as SqlStore;
    const app = await buildApp({ store: broken, logger: { level: 'error', stream: { write: (s: string) => logs.push(s) } } });
    const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer ' + 'a'.repeat(43) } });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Erro interno no servidor. Tente de novo mais tarde.' } });
    expect(res.body).not.toMatch(/sessions|stack|at /);
    expect(logs.join('')).toContain('42P01');
    expect(logs.join('')).not.toMatch(/secret|aaaaaaaa/);
  });
});

describe('startServer', () => {
  it('listens on a free port over a PGlite directory, seeds demo accounts, serves app and API, and closes', async () => {
    const dataDir = join(root, 'data');
    const server = await startServer({ port: 0, dataDir, distDir: dist, demo: true, limits: { scryptLog2N: TEST_LOG2N } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.demoAccounts.map((a) => a.role)).toEqual(['agent', 'regional', 'central']);
      await expect(startServer({ port: 0, dataDir })).rejects.toThrow(/em uso/);
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      const agent = server.demoAccounts[0];
      const login = await fetch(`${server.url}/api/v1/auth/sessions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: agent.login, password: agent.password }),
      });
      expect(login.status).toBe(201);
      const { token, user } = LoginResponseSchema.parse(await login.json());
      expect(user.municipalityCode).toBe('3106200');
      const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
    } finally {
      await server.close();
    }
    const reopened = await startServer({ port: 0, dataDir, demo: false });
    expect(reopened.demoAccounts).toEqual([]);
    expect((await reopened.store.accounts.listUsers()).length).toBe(3);
    await reopened.close();
  });
});
