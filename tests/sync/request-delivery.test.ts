import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { outboxOf } from '../../src/db/outbox';
import { queueReport } from '../../src/db/queue-report';
import { connectDelivery, requestDelivery } from '../../src/sync/request-delivery';
import { freshDb } from '../helpers/fresh-db';
import { AGENT, seedReadyReport, signIn } from '../helpers/seed';

let db: MobilizaDb;
let triggers: number;
let registrations: number;
const NOW = Date.parse('2026-11-23T12:00:00Z');

beforeEach(async () => {
  db = freshDb();
  triggers = 0;
  registrations = 0;
  connectDelivery({ db, trigger: () => triggers++, registerBackgroundSync: async () => (registrations++, true), now: () => NOW });
  await signIn(db);
});
afterEach(() => {
  connectDelivery(undefined);
  db.close();
});

describe('requestDelivery', () => {
  it('"Tentar agora" makes the waiting rows due at once, registers Background Sync and drains', async () => {
    const report = await seedReadyReport(db);
    await queueReport(db, report.id, new Date(NOW - 1000));
    await db.outbox.update(report.id, { nextAttemptAt: NOW + 60_000 });
    await requestDelivery('button');
    expect((await outboxOf(db, AGENT.id)).map((i) => i.nextAttemptAt)).toEqual([NOW]);
    expect([triggers, registrations]).toEqual([1, 1]);
  });

  it('"Enviar" leaves the retry schedule alone (the new row is already due) and drains', async () => {
    const report = await seedReadyReport(db, { period: '2026-10' });
    await queueReport(db, report.id, new Date(NOW));
    await db.outbox.update(report.id, { nextAttemptAt: NOW + 5 });
    await requestDelivery('enqueue');
    expect((await outboxOf(db, AGENT.id))[0].nextAttemptAt).toBe(NOW + 5);
    expect([triggers, registrations]).toEqual([1, 1]);
  });

  it('does nothing before main.tsx connects it', async () => {
    connectDelivery(undefined);
    await requestDelivery('sign-in');
    expect(triggers).toBe(0);
  });
});
