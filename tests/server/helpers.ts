import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Role, User } from '../../src/domain/api.ts';
import type { RegionalName } from '../../src/domain/municipality.ts';
import { buildApp, type AppDeps } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { openStore, type StoreLocation } from '../../server/store/open-store.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { validSubmission } from '../helpers/fixtures.ts';
import { truncateAll } from './store-helpers.ts';

/** The server suite runs on PGlite always, and on PostgreSQL when DATABASE_URL is set. */
export type DriverKind = 'pglite' | 'postgres';
export const DRIVERS: DriverKind[] = ['pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];

export const NOW = new Date('2026-11-23T12:00:00.000Z');
/** Cheap scrypt for tests (the hash keeps its own cost). */
export const TEST_LOG2N = 10;
export const PASSWORD = 'senha-de-teste-123';

/** A PostgreSQL location in a fresh schema (dropped by dropSchema). */
export function pgLocation(): StoreLocation & { databaseUrl: string; schema: string } {
  return { databaseUrl: process.env.DATABASE_URL as string, schema: `t_${randomBytes(6).toString('hex')}` };
}

export async function dropSchema(loc: { databaseUrl: string; schema: string }): Promise<void> {
  const c = new pg.Client({ connectionString: loc.databaseUrl });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${loc.schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/** One store per test file: PGlite in memory, or a throw-away PostgreSQL schema. */
export async function openTestStore(kind: DriverKind): Promise<{ store: SqlStore; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const store = await openStore({ memory: true });
    return { store, dispose: () => store.close() };
  }
  const loc = pgLocation();
  const store = await openStore(loc);
  return { store, dispose: async () => { await store.close(); await dropSchema(loc); } };
}

export interface Account {
  user: User;
  token: string;
  auth: { authorization: string };
}

export interface JpegOptions { size?: number; type?: 'image/jpeg' | 'image/png' | 'image/webp' }

/** Random bytes with the right magic number: enough for the endpoint's sniffing. */
export function fakeImage({ size = 20_000, type = 'image/jpeg' }: JpegOptions = {}): { bytes: Buffer; sha256: string; type: string } {
  const head = type === 'image/jpeg'
    ? Buffer.from([0xff, 0xd8, 0xff, 0xe0])
    : type === 'image/png'
      ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      : Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')]);
  const bytes = Buffer.concat([head, randomBytes(size - head.length)]);
  return { bytes, sha256: sha256(bytes), type };
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A valid submission for `municipalityCode` whose actions reference `photos` (one per action). */
export function submission(opts: { id?: string; revision?: number; municipalityCode?: string; photos: string[]; period?: string }) {
  const s = validSubmission(opts.photos.length, opts.period ?? '2026-11');
  s.id = opts.id ?? crypto.randomUUID();
  s.revision = opts.revision ?? 1;
  s.municipalityCode = opts.municipalityCode ?? '3106200';
  s.actions.forEach((a: Record<string, any>, i: number) => {
    a.id = crypto.randomUUID();
    a.photos[0].sha256 = opts.photos[i];
  });
  return s;
}

/**
 * Registers the hooks of one test file: a store for the file (emptied before each test) and a
 * fresh app per test. `deps` may override app options (limits, now, distDir…).
 */
export function useEndpoint(kind: DriverKind, deps: () => Partial<AppDeps> = () => ({})) {
  const env = {
    store: undefined as unknown as SqlStore,
    app: undefined as unknown as FastifyInstance,
    dispose: async () => {},
    /** Replaces this test's app with one built with other options (limits, clock…). */
    async rebuild(over: Partial<AppDeps>) {
      await env.app.close();
      env.app = await buildApp({ store: env.store, now: () => NOW, ...deps(), ...over, limits: { scryptLog2N: TEST_LOG2N, ...over.limits } });
      return env.app;
    },
    /** Creates an account and a device token for it (no HTTP, so no rate limit is spent). */
    async account(login: string, role: Role, scope: { municipalityCode?: string; regional?: RegionalName } = {}): Promise<Account> {
      const user = await env.store.accounts.createUser(
        { login, name: `Conta ${login}`, role, ...scope, passwordHash: await hashPassword(PASSWORD, TEST_LOG2N) },
        NOW,
      );
      const token = newDeviceToken();
      await env.store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
      return { user, token, auth: { authorization: `Bearer ${token}` } };
    },
    inject(opts: InjectOptions & { account?: Account; json?: unknown }) {
      const { account, json, ...rest } = opts;
      const headers = { ...(account ? account.auth : {}), ...(rest.headers ?? {}) } as Record<string, string>;
      if (json !== undefined) {
        headers['content-type'] ??= 'application/json';
        rest.payload = typeof json === 'string' ? json : JSON.stringify(json);
      }
      return env.app.inject({ ...rest, headers });
    },
    async putPhoto(account: Account, image = fakeImage()) {
      const res = await env.inject({ method: 'PUT', url: `/api/v1/photos/${image.sha256}`, account, payload: image.bytes, headers: { 'content-type': image.type } });
      if (res.statusCode >= 300) throw new Error(`photo upload failed: ${res.statusCode} ${res.body}`);
      return image.sha256;
    },
    putReport(account: Account, body: Record<string, any>) {
      return env.inject({ method: 'PUT', url: `/api/v1/reports/${body.id}`, account, json: body });
    },
    /** Uploads `n` photos and sends a report referencing them. */
    async sendReport(account: Account, opts: { n?: number; municipalityCode?: string; period?: string } = {}) {
      const photos: string[] = [];
      for (let i = 0; i < (opts.n ?? 1); i++) photos.push(await env.putPhoto(account));
      const body = submission({ photos, municipalityCode: opts.municipalityCode ?? account.user.municipalityCode, period: opts.period });
      const res = await env.putReport(account, body);
      if (res.statusCode !== 201) throw new Error(`report failed: ${res.statusCode} ${res.body}`);
      return { body, receipt: res.json() as { id: string; protocol: string; revision: number } };
    },
  };
  beforeAll(async () => {
    const t = await openTestStore(kind);
    env.store = t.store;
    env.dispose = t.dispose;
  });
  afterAll(() => env.dispose());
  beforeEach(async () => {
    await truncateAll(env.store);
    env.app = await buildApp({ store: env.store, now: () => NOW, limits: { scryptLog2N: TEST_LOG2N }, ...deps() });
  });
  afterEach(() => env.app.close());
  return env;
}
