import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { runUsersCli } from '../../server/cli/users-cli.ts';
import { canonicalJson } from '../../server/canonical-json.ts';
import { acquireDataDirLock, DataDirLockedError } from '../../server/store/data-dir-lock.ts';
import { loadMigrations } from '../../server/store/migrate.ts';
import { openStore, type StoreLocation } from '../../server/store/open-store.ts';
import { DRIVERS, dropSchema, fakeImage, NOW, PASSWORD, pgLocation, submission, TEST_LOG2N, type DriverKind } from './helpers.ts';
import { hashPassword } from '../../server/auth/password.ts';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mobiliza-store-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** PGlite in a real temporary directory, or a fresh PostgreSQL schema. */
function location(kind: DriverKind): { loc: StoreLocation; cleanup(): Promise<void> } {
  if (kind === 'pglite') return { loc: { dataDir: tempDir() }, cleanup: async () => {} };
  const loc = pgLocation();
  return { loc, cleanup: () => dropSchema(loc) };
}

describe.each(DRIVERS)('storage on %s', (kind) => {
  it('migrates an empty database, once; a restart keeps accounts, photos, reports and the protocol sequence', async () => {
    const { loc, cleanup } = location(kind);
    try {
      let store = await openStore(loc);
      const { rows } = await store.driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
      expect(await store.migrate()).toEqual([]);

      const user = await store.accounts.createUser({ login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200', passwordHash: await hashPassword(PASSWORD, TEST_LOG2N) }, NOW);
      const img = fakeImage({ size: 250_000 });
      await store.photos.put({ sha256: img.sha256, mimeType: 'image/jpeg', bytes: img.bytes, userId: user.id, now: NOW });
      const s = submission({ photos: [img.sha256] });
      const first = await store.reports.put(s as never, user, NOW);
      expect(first.outcome).toBe('created');
      await store.close();

      store = await openStore(loc);
      expect(await store.migrate()).toEqual([]);
      expect((await store.accounts.findLogin('ana'))?.user.id).toBe(user.id);
      const photo = await store.photos.get(img.sha256, user);
      expect(photo !== 'forbidden' && photo?.bytes.equals(img.bytes)).toBe(true);
      const again = await store.reports.put(s as never, user, NOW);
      expect(again).toMatchObject({ outcome: 'repeat', receipt: { protocol: 'MG-2026-11-3106200-0001' } });
      const app = await buildApp({ store, now: () => NOW, limits: { scryptLog2N: TEST_LOG2N } });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/sessions', payload: { login: 'ana', password: PASSWORD } });
      expect(login.statusCode).toBe(201);
      const second = submission({ photos: [img.sha256] });
      const res = await app.inject({ method: 'PUT', url: `/api/v1/reports/${second.id}`, payload: second, headers: { authorization: `Bearer ${login.json().token}` } });
      expect(res.json().protocol).toBe('MG-2026-11-3106200-0002');
      await app.close();
      await store.close();
    } finally {
      await cleanup();
    }
  });

  it('the users CLI adds, lists, disables and resets accounts in the same storage', async () => {
    const { loc, cleanup } = location(kind);
    const out: string[] = [];
    const err: string[] = [];
    const cli = (...args: string[]) => runUsersCli(args, loc, (s) => out.push(s), (s) => err.push(s));
    try {
      expect(await cli('add', '--login', 'Ana', '--name', 'Ana Souza', '--role', 'agent', '--municipality', '3106200')).toBe(0);
      expect(out.join('\n')).toMatch(/Conta criada: ana \(agent 3106200 Belo Horizonte\)[\s\S]*Senha gerada/);
      expect(await cli('add', '--login', 'urs', '--name', 'URS', '--role', 'regional', '--regional', 'Belo Horizonte')).toBe(0);
      expect(await cli('add', '--login', 'sesmg', '--name', 'SES', '--role', 'central')).toBe(0);
      expect(await cli('add', '--login', 'ana', '--name', 'Outra', '--role', 'central')).toBe(2);
      expect(await cli('add', '--login', 'zé', '--name', 'Zé', '--role', 'agent', '--municipality', '9999999')).toBe(2);
      expect(await cli('add', '--login', 'x2', '--name', 'X', '--role', 'regional', '--regional', 'Atlântida')).toBe(2);
      expect(err.join('\n')).toMatch(/Já existe[\s\S]*Login inválido[\s\S]*Unidade regional desconhecida/);
      out.length = 0;
      expect(await cli('disable', '--login', 'ana')).toBe(0);
      expect(await cli('reset-password', '--login', 'urs')).toBe(0);
      expect(await cli('list')).toBe(0);
      const listing = out.join('\n');
      expect(listing).toMatch(/ana\s+agent\s+3106200 Belo Horizonte\s+DESATIVADA/);
      expect(listing).toMatch(/sesmg\s+central\s+todo o estado\s+ativa/);
      expect(await cli('enable', '--login', 'nobody')).toBe(2);
      expect(await cli('frobnicate')).toBe(2);
    } finally {
      await cleanup();
    }
  });
});

describe.skipIf(!DRIVERS.includes('postgres'))('PostgreSQL migrations', () => {
  it('two servers starting at once on an empty schema apply each migration once', async () => {
    const loc = pgLocation();
    try {
      const stores = await Promise.all([openStore(loc), openStore(loc), openStore(loc)]);
      const { rows } = await stores[0].driver.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      expect(rows[0].n).toBe(loadMigrations().length);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await dropSchema(loc);
    }
  });
});

describe('PGlite data directory lock', () => {
  it('refuses a second opener while the first holds the directory, and takes over a stale lock', async () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    const err: string[] = [];
    expect(await runUsersCli(['list'], { dataDir: dir }, () => {}, (s) => err.push(s))).toBe(3);
    expect(err[0]).toMatch(/em uso pelo processo \d+[\s\S]*Pare o servidor/);
    release();
    writeFileSync(join(dir, '.lock'), '999999999'); // a dead process
    const again = acquireDataDirLock(dir);
    again();
  });
});

describe('canonical JSON', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ y: undefined, x: 'é' }], c: null })).toBe('{"a":[{"x":"é"}],"b":1,"c":null}');
  });
});
