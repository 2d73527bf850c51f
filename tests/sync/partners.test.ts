// Partners created offline (#16), against the real endpoint (PGlite, inject as the phones' fetch):
// each goes to the endpoint once, inside the report that first names it, and two phones that type
// the same organisation end with one partner.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { hashToken, newDeviceToken } from '../../server/auth/tokens';
import { openStore } from '../../server/store/open-store';
import type { SqlStore } from '../../server/store/sql-store';
import { actionsOfReport, updateAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { outboxItem } from '../../src/db/outbox';
import { addLocalPartner, partnersOf, searchPartners } from '../../src/db/partners';
import { queueReport, reviseReport } from '../../src/db/queue-report';
import type { User } from '../../src/domain/api';
import { drainOutbox } from '../../src/sync/drain-outbox';
import { createMemoryLocks } from '../../src/sync/locks';
import { pullPartners } from '../../src/sync/pull-partners';
import { freshDb } from '../helpers/fresh-db';
import { fetchVia } from '../helpers/inject-fetch';
import { seedReadyReport, signIn } from '../helpers/seed';

const NOW = new Date('2026-12-20T12:00:00.000Z');
const SCHOOL = { kind: 'pessoa_juridica', governmental: true, sector: 'educacao', phone: '(31) 3333-4444', email: 'ee@example.org', campaigns: true };

describe('partners created offline (real endpoint)', () => {
  let store: SqlStore;
  let app: FastifyInstance;
  const account = async (login: string, scope: { municipalityCode?: string; regional?: string }, role: 'agent' | 'regional' = 'agent') => {
    const user = await store.accounts.createUser({ login, name: `Agente ${login}`, role, ...scope, passwordHash: await hashPassword('x', 10) } as never, NOW);
    const token = newDeviceToken();
    await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
    return { user: user as User, token };
  };
  beforeAll(async () => {
    store = await openStore({ memory: true });
    app = await buildApp({ store, now: () => NOW, limits: { scryptLog2N: 10 } });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  // as the page drains (src/sync/drain-page.ts): the partner registry comes with the status pull
  const drain = (db: MobilizaDb) => drainOutbox({ db, fetch: fetchVia(app), now: () => NOW.getTime(), baseUrl: 'http://endpoint.test', locks: createMemoryLocks(), afterPull: (http, s) => pullPartners(db, http, s) });
  const serverPartners = async () => (await store.driver.query<{ id: string; name: string }>(`SELECT id, name FROM partners WHERE status = 'active'`)).rows;

  /** A ready report whose one action names `partner` (picked or created on this phone). */
  async function reportNaming(db: MobilizaDb, ownerId: string, period: string, partner: { id: string; name: string; sector: string }) {
    const report = await seedReadyReport(db, { period, ownerId });
    const [action] = await actionsOfReport(db, report.id);
    await updateAction(db, action.id, { partners: [{ name: partner.name, sector: partner.sector as 'educacao', partnerId: partner.id }] });
    return report;
  }

  it('sends a partner once with its report, deduplicates two phones\' spellings, and downloads the registry', async () => {
    const ana = await account('ana', { municipalityCode: '3106200' });
    const bia = await account('bia', { municipalityCode: '3106200' });
    const phoneA = freshDb();
    const phoneB = freshDb();
    await signIn(phoneA, ana.token, ana.user);
    await signIn(phoneB, bia.token, bia.user);

    // Offline on phone A: a new partner, named by November's action.
    const created = await addLocalPartner(phoneA, ana.user.id, '3106200', { name: 'Escola Estadual São José', ...SCHOOL });
    expect(await addLocalPartner(phoneA, ana.user.id, '3106200', { name: 'escola estadual  sao jose', ...SCHOOL })).toEqual(created);
    const nov = await reportNaming(phoneA, ana.user.id, '2026-11', created);
    await queueReport(phoneA, nov.id, NOW);
    const body = JSON.parse((await outboxItem(phoneA, nov.id))!.body);
    expect(body.partners).toEqual([expect.objectContaining({ id: created.id, name: 'Escola Estadual São José', email: 'ee@example.org' })]);
    expect((await drain(phoneA)).delivered).toBe(1);
    expect(await serverPartners()).toEqual([{ id: created.id, name: 'Escola Estadual São José' }]);
    expect((await partnersOf(phoneA, ana.user.id)).map((p) => [p.id, p.local])).toEqual([[created.id, undefined]]);

    // A correction of November (revision 2) names the partner again: it does not travel twice.
    await store.driver.query(`UPDATE reports SET status = 'returned'`);
    await drain(phoneA);
    await reviseReport(phoneA, nov.id, NOW);
    await queueReport(phoneA, nov.id, NOW);
    expect(JSON.parse((await outboxItem(phoneA, nov.id))!.body).partners).toBeUndefined();
    expect((await drain(phoneA)).delivered).toBe(1);

    // Phone B had not synced: it types the same school in its own spelling for December.
    const typed = await addLocalPartner(phoneB, bia.user.id, '3106200', { name: 'ESCOLA ESTADUAL SAO JOSE', ...SCHOOL, phone: undefined });
    const dec = await reportNaming(phoneB, bia.user.id, '2026-12', typed);
    await queueReport(phoneB, dec.id, NOW);
    expect((await drain(phoneB)).delivered).toBe(1);
    expect(await serverPartners()).toHaveLength(1);
    // after the pull phone B keeps the endpoint's one partner (its own id folded into it), found without accents
    expect((await partnersOf(phoneB, bia.user.id)).map((p) => p.id)).toEqual([created.id]);
    expect((await searchPartners(phoneB, bia.user.id, 'são JOSÉ')).map((p) => p.name)).toEqual(['Escola Estadual São José']);
    const audit = await store.driver.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type = 'partner' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['partner.created', 'partner.deduplicated']);
    const history = await store.partners.get(created.id, { ...ana.user });
    expect(history !== 'not_found' && history !== 'forbidden' && history.history.map((h) => h.period)).toEqual(['2026-12', '2026-11']);
  });
});
