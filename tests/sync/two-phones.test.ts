// Issue #12 against the real endpoint (PGlite in memory, Fastify inject as the phones' fetch):
// two phones of one municipality — the second sees what the first sent, and an offline December
// started on both meets 409 period_taken and merges into one report that holds every action/photo.
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { hashToken, newDeviceToken } from '../../server/auth/tokens';
import { openStore } from '../../server/store/open-store';
import type { SqlStore } from '../../server/store/sql-store';
import { actionsOfReport, updateAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { mergeIntoExisting, photosWithoutBlob } from '../../src/db/history';
import { queueReport } from '../../src/db/queue-report';
import { getReport, listReportCards } from '../../src/db/reports';
import type { User } from '../../src/domain/api';
import { unchangedMarked } from '../../src/domain/remote-report';
import { drainOutbox } from '../../src/sync/drain-outbox';
import { createHttpClient } from '../../src/sync/http';
import { createMemoryLocks } from '../../src/sync/locks';
import { fetchExisting, fetchReportPhotos } from '../../src/sync/pull-history';
import { freshDb } from '../helpers/fresh-db';
import { fetchVia } from '../helpers/inject-fetch';
import { seedReadyReport, signIn } from '../helpers/seed';

const NOW = new Date('2026-12-20T12:00:00.000Z');

describe('two phones of one municipality (real endpoint)', () => {
  let store: SqlStore;
  let app: FastifyInstance;
  const accounts: { user: User; token: string }[] = [];
  const account = async (login: string, role: 'agent' | 'regional', scope: { municipalityCode?: string; regional?: string }) => {
    const user = await store.accounts.createUser({ login, name: `Agente ${login}`, role, ...scope, passwordHash: await hashPassword('x', 10) } as never, NOW);
    const token = newDeviceToken();
    await store.accounts.createSession({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
    accounts.push({ user, token });
    return { user, token };
  };
  beforeAll(async () => {
    store = await openStore({ memory: true });
    app = await buildApp({ store, now: () => NOW, limits: { scryptLog2N: 10 } });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const drain = (db: MobilizaDb) => drainOutbox({ db, fetch: fetchVia(app), now: () => NOW.getTime(), baseUrl: 'http://endpoint.test', locks: createMemoryLocks() });

  it('B sees November; offline Decembers merge into one report with every action and photo once; marks reach B', async () => {
    const ana = await account('ana', 'agent', { municipalityCode: '3106200' });
    const bia = await account('bia', 'agent', { municipalityCode: '3106200' });
    const reg = await account('reg', 'regional', { regional: 'Belo Horizonte' });
    const phoneA = freshDb();
    const phoneB = freshDb();
    await signIn(phoneA, ana.token, ana.user);
    await signIn(phoneB, bia.token, bia.user);

    // Phone A sends November.
    const novA = await seedReadyReport(phoneA, { period: '2026-11', actions: 2, ownerId: ana.user.id });
    await queueReport(phoneA, novA.id, NOW);
    expect((await drain(phoneA)).delivered).toBe(1);

    // Phone B signs in: November appears, received, with its protocol; photos fetched when opened.
    expect((await drain(phoneB)).delivered).toBe(0);
    const novB = await getReport(phoneB, novA.id);
    expect(novB).toMatchObject({ status: 'received', protocol: 'MG-2026-11-3106200-0001', ownerId: bia.user.id, revision: 1 });
    expect((await listReportCards(phoneB, bia.user.id)).map((c) => c.report.period)).toEqual(['2026-11']);
    expect(await actionsOfReport(phoneB, novA.id)).toHaveLength(2);
    expect(await photosWithoutBlob(phoneB, novA.id)).toHaveLength(2);
    const http = createHttpClient({ fetch: fetchVia(app), baseUrl: 'http://endpoint.test', token: bia.token });
    expect(await fetchReportPhotos(phoneB, http, novA.id)).toBe(0);
    expect(await photosWithoutBlob(phoneB, novA.id)).toHaveLength(0);
    const photoB = (await phoneB.photos.where('reportId').equals(novA.id).toArray())[0];
    const photoA = (await phoneA.photos.where('sha256').equals(photoB.sha256).first())!;
    expect(new Uint8Array(await photoB.blob!.arrayBuffer())).toEqual(new Uint8Array(await photoA.blob!.arrayBuffer()));

    // December: B starts it offline (one action), A sends its own (two actions) first.
    const decB = await seedReadyReport(phoneB, { period: '2026-12', actions: 1, ownerId: bia.user.id });
    const decA = await seedReadyReport(phoneA, { period: '2026-12', actions: 2, ownerId: ana.user.id });
    await queueReport(phoneA, decA.id, NOW);
    expect((await drain(phoneA)).delivered).toBe(1);
    await queueReport(phoneB, decB.id, NOW);
    const sent = await drain(phoneB);
    expect(sent).toMatchObject({ delivered: 0, rejected: 1 });
    const met = (await getReport(phoneB, decB.id))!;
    expect(met.status).toBe('needs_fix');
    expect(met.conflict).toMatchObject({ id: decA.id, protocol: 'MG-2026-12-3106200-0001', status: 'received', sentBy: 'Agente ana' });
    expect(await actionsOfReport(phoneB, decB.id)).toHaveLength(1); // nothing lost

    // Merge: A's two actions, then B's, renumbered; B's photo now "Foto 3.1".
    const existing = (await fetchExisting(http, met.conflict!.id, bia.user.id, NOW))!;
    const merged = await mergeIntoExisting(phoneB, decB.id, existing.report, existing.rows, NOW);
    expect(merged).toMatchObject({ id: decA.id, status: 'draft', revision: 2, protocol: 'MG-2026-12-3106200-0001' });
    expect(await getReport(phoneB, decB.id)).toBeUndefined();
    const mergedActions = await actionsOfReport(phoneB, decA.id);
    expect(mergedActions.map((a) => a.number)).toEqual([1, 2, 3]);
    const bPhoto = (await phoneB.photos.where('reportId').equals(decA.id).toArray()).find((p) => p.actionId === mergedActions[2].id)!;
    expect(bPhoto.number).toBe(1);
    expect(bPhoto.blob).toBeDefined();
    await fetchReportPhotos(phoneB, http, decA.id);
    await queueReport(phoneB, decA.id, NOW);
    expect((await drain(phoneB)).delivered).toBe(1);

    const detail = (await app.inject({ method: 'GET', url: `/api/v1/reports/${decA.id}`, headers: { authorization: `Bearer ${reg.token}` } })).json();
    expect(detail.revision).toBe(2);
    const actions = detail.report.actions as { number: number; photos: { sha256: string }[] }[];
    expect(actions.map((a) => a.number)).toEqual([1, 2, 3]);
    const shas = actions.flatMap((a) => a.photos.map((p) => p.sha256));
    expect(new Set(shas).size).toBe(3);
    const dec = (await app.inject({ method: 'GET', url: '/api/v1/reports?period=2026-12', headers: { authorization: `Bearer ${reg.token}` } })).json();
    expect(dec.reports).toHaveLength(1);

    // The regional returns it marking actions 1 and 3: phone B shows those marks.
    const ret = await app.inject({ method: 'POST', url: `/api/v1/reports/${decA.id}/reviews`, headers: { authorization: `Bearer ${reg.token}` },
      payload: { decision: 'return', comment: 'Corrija as datas.', actionNumbers: [1, 3] } });
    expect(ret.statusCode).toBe(201);
    await drain(phoneB);
    const returned = (await getReport(phoneB, decA.id))!;
    expect(returned.status).toBe('returned');
    expect(Object.keys(returned.marks!.actions).sort()).toEqual([mergedActions[0].id, mergedActions[2].id].sort());
    expect(unchangedMarked(returned, await actionsOfReport(phoneB, decA.id)).map((a) => a.number)).toEqual([1, 3]);
    await updateAction(phoneB, mergedActions[0].id, { title: 'Título corrigido' }, new Date(NOW.getTime() + 60_000));
    expect(unchangedMarked(returned, await actionsOfReport(phoneB, decA.id)).map((a) => a.number)).toEqual([3]);

    // Phone A mirrors the merged revision (it only had revision 1) and sees the return too.
    await drain(phoneA);
    const onA = (await getReport(phoneA, decA.id))!;
    expect(onA.status).toBe('returned');
    expect(await actionsOfReport(phoneA, decA.id)).toHaveLength(3);
  }, 120_000);
});
