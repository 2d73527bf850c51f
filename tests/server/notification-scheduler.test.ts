// The scheduler's reminders for a given clock, once per municipality and month even across a
// restart (same data directory / schema reopened) and with two endpoint processes ticking at once
// on one PostgreSQL (two stores = two connection pools on the same schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { allMunicipalities } from '../../src/domain/municipality.ts';
import { hashToken, newDeviceToken } from '../../server/auth/tokens.ts';
import { runNotificationTick } from '../../server/notifications/notification-scheduler.ts';
import { saveSubscription } from '../../server/notifications/push-store.ts';
import { loadVapidDetails } from '../../server/notifications/vapid.ts';
import { openStore, type StoreLocation } from '../../server/store/open-store.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { startMockPushService, type MockPushService, type MockSubscription } from '../helpers/mock-push-service.ts';
import { dropSchema, fakeImage, pgLocation, submission, type DriverKind } from './helpers.ts';

let mock: MockPushService;
beforeAll(async () => { mock = await startMockPushService(); });
afterAll(() => mock.close());

const CREATED = new Date('2026-11-20T12:00:00Z');

/** An agent of `code` with a live session and a subscription on the mock service. */
async function subscribedAgent(store: SqlStore, code: string): Promise<MockSubscription> {
  const user = await store.accounts.createUser({ login: `agente-${code}`, name: `Agente ${code}`, role: 'agent', municipalityCode: code, passwordHash: 'x' }, CREATED);
  await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(newDeviceToken()), expiresAt: new Date('2027-06-01T00:00:00Z'), now: CREATED });
  const { rows } = await store.driver.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [user.id]);
  const sub = await mock.subscribe((await loadVapidDetails(store.driver)).publicKey);
  await saveSubscription(store.driver, { sessionId: rows[0].id, userId: user.id, sub: { endpoint: sub.endpoint, keys: sub.keys }, now: CREATED });
  return sub;
}

async function sendNovemberReport(store: SqlStore, code: string): Promise<void> {
  const { rows } = await store.driver.query<{ id: string }>('SELECT id FROM users WHERE municipality_code = $1', [code]);
  const user = { id: rows[0].id, login: `agente-${code}`, name: '', role: 'agent' as const, municipalityCode: code };
  const image = fakeImage();
  await store.photos.put({ sha256: image.sha256, mimeType: image.type, bytes: image.bytes, userId: user.id, now: CREATED });
  const s = submission({ photos: [image.sha256], municipalityCode: code, period: '2026-11' });
  const r = await store.reports.put(s as never, user, new Date('2026-12-05T12:00:00Z'));
  expect(r.outcome).toBe('created');
}

const tick = async (store: SqlStore, at: string, batchSize = 50) =>
  runNotificationTick({ driver: store.driver, vapid: await loadVapidDetails(store.driver), now: () => new Date(at), fetch, config: { batchSize } });

const kinds = (sub: MockSubscription) => mock.messages(sub.clientHash).map((m) => m.kind);

describe.each(['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as DriverKind[])('deadline reminders on %s', (kind) => {
  let location: StoreLocation;
  let cleanup: () => Promise<void>;
  beforeAll(() => {
    if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'mobiliza-sched-'));
      location = { dataDir: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const loc = pgLocation();
      location = loc;
      cleanup = () => dropSchema(loc);
    }
  });
  afterAll(() => cleanup());

  it('3 days before and the day after, only to municipalities that have not sent, once each across a restart', async () => {
    let store = await openStore(location);
    onTestFinished(() => store.close().catch(() => {}));
    const late = await subscribedAgent(store, '3106200');
    const sent = await subscribedAgent(store, '3100104');
    await sendNovemberReport(store, '3100104');

    expect((await tick(store, '2026-12-06T12:00:00Z')).decided).toBe(0); // 4 days before: nothing
    expect(await tick(store, '2026-12-07T12:00:00Z')).toMatchObject({ decided: 1, sent: 1 });
    expect(kinds(late)).toEqual(['deadline_soon']);
    expect(mock.messages(late.clientHash)[0].body).toBe('O relatório de novembro de 2026 deve ser enviado até 10/12 (faltam 3 dias).');
    expect(await tick(store, '2026-12-07T12:01:00Z')).toMatchObject({ decided: 0, sent: 0 });

    // Restart: a new store (process) on the same data; the same day and the next days send nothing new.
    await store.close();
    store = await openStore(location);
    expect(await tick(store, '2026-12-08T09:00:00Z')).toMatchObject({ decided: 0, sent: 0 });
    expect(await tick(store, '2026-12-10T23:00:00Z')).toMatchObject({ decided: 0, sent: 0 });
    // 2026-12-11 00:30 in MG (03:30 UTC): the day after the due date.
    expect(await tick(store, '2026-12-11T03:30:00Z')).toMatchObject({ decided: 1, sent: 1 });
    expect(await tick(store, '2026-12-12T12:00:00Z')).toMatchObject({ decided: 0, sent: 0 });
    expect(kinds(late)).toEqual(['deadline_soon', 'deadline_passed']);
    expect(mock.messages(late.clientHash)[1].body).toBe('O prazo do relatório de novembro de 2026 venceu em 10/12. Envie assim que puder.');
    expect(kinds(sent)).toEqual([]);
    await store.close();
  });

  it('the central level\'s due date moves the reminders (December\'s report due on 20/01)', async () => {
    const store = await openStore(location);
    try {
      const sub = await subscribedAgent(store, '3100203');
      await store.driver.query(
        `INSERT INTO server_settings (key, value, updated_at) VALUES ('deadlines', $1, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify({ defaultDay: 10, years: {}, periods: { '2026-12': 20 } })],
      );
      await tick(store, '2027-01-07T12:00:00Z');
      expect(kinds(sub)).toEqual([]);
      await tick(store, '2027-01-17T12:00:00Z');
      expect(mock.messages(sub.clientHash).map((m) => m.body)).toEqual(['O relatório de dezembro de 2026 deve ser enviado até 20/01 (faltam 3 dias).']);
    } finally {
      await store.close();
    }
  });

  it.skipIf(kind !== 'postgres')('two endpoint processes ticking at once send each reminder exactly once', async () => {
    const loc = pgLocation();
    const [a, b] = [await openStore(loc), await openStore(loc)];
    try {
      const codes = allMunicipalities().slice(10, 40).map((m) => m.code);
      const subs: MockSubscription[] = [];
      for (const code of codes) subs.push(await subscribedAgent(a, code));
      const results = [];
      for (const at of ['2026-12-07T12:00:00Z', '2026-12-07T12:00:30Z', '2026-12-07T12:01:00Z']) {
        results.push(...(await Promise.all([tick(a, at, 4), tick(b, at, 4)])));
      }
      expect(results.reduce((n, r) => n + r.decided, 0)).toBe(30);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
      expect(subs.map((s) => mock.messages(s.clientHash).length)).toEqual(codes.map(() => 1));
      // Both processes took part in sending (claims are disjoint, not exclusive per process).
      expect(results.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(1);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(loc);
    }
  });
});
