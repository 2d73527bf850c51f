// Web Push end to end without the internet: the endpoint encrypts and signs with web-push and
// posts to a local mock push service (web-push-testing), which checks the VAPID signature and
// decrypts; the test reads the plaintext back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PushPayloadSchema, PushStateSchema } from '../../src/domain/push.ts';
import { runNotificationTick } from '../../server/notifications/notification-scheduler.ts';
import { loadVapidDetails } from '../../server/notifications/vapid.ts';
import { startMockPushService, type MockPushService, type MockSubscription } from '../helpers/mock-push-service.ts';
import { DRIVERS, NOW, useEndpoint, type Account } from './helpers.ts';

let mock: MockPushService;
beforeAll(async () => { mock = await startMockPushService(); });
afterAll(() => mock.close());

describe.each(DRIVERS)('push notifications on %s', (kind) => {
  const env = useEndpoint(kind);
  beforeEach(() => env.store.driver.exec('TRUNCATE notifications CASCADE'));

  const count = async (table: string) => (await env.store.driver.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n;
  const state = async (account: Account) => PushStateSchema.parse((await env.inject({ method: 'GET', url: '/api/v1/push/subscription', account })).json());
  const subscribe = async (account: Account): Promise<MockSubscription> => {
    const sub = await mock.subscribe((await state(account)).publicKey);
    const res = await env.inject({ method: 'PUT', url: '/api/v1/push/subscription', account, json: { endpoint: sub.endpoint, expirationTime: null, keys: sub.keys } });
    expect(res.statusCode).toBe(201);
    return sub;
  };
  const tick = async (at: Date, fetchFn: typeof fetch = fetch) =>
    runNotificationTick({ driver: env.store.driver, vapid: await loadVapidDetails(env.store.driver), now: () => at, fetch: fetchFn });
  const review = (account: Account, id: string, body: Record<string, unknown>) =>
    env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account, json: body });

  it('stores one subscription per device session, answers its state, and removes it on DELETE and on sign-out', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    expect(await state(ana)).toMatchObject({ subscribed: false, regionalDigest: false });
    expect((await state(ana)).publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const sub = await subscribe(ana);
    expect((await state(ana)).subscribed).toBe(true);
    // The same device again (new keys after a browser refresh of the subscription): replaced, 200.
    const again = await env.inject({ method: 'PUT', url: '/api/v1/push/subscription', account: ana, json: { endpoint: sub.endpoint, keys: sub.keys } });
    expect(again.statusCode).toBe(200);
    expect(await count('push_subscriptions')).toBe(1);
    const bad = await env.inject({ method: 'PUT', url: '/api/v1/push/subscription', account: ana, json: { endpoint: 'ftp://x', keys: { p256dh: 'x', auth: 'y' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    expect((await env.inject({ method: 'DELETE', url: '/api/v1/push/subscription', account: ana })).statusCode).toBe(204);
    expect((await state(ana)).subscribed).toBe(false);
    await subscribe(ana);
    expect((await env.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/current', account: ana })).statusCode).toBe(204);
    expect(await count('push_subscriptions')).toBe(0);
  });

  it('a returned report reaches the agent\'s subscription within one tick, with the start of the comment; never twice', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const other = await env.account('bia', 'agent', { municipalityCode: '3100104' });
    const regional = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const anaSub = await subscribe(ana);
    const otherSub = await subscribe(other);
    const { body } = await env.sendReport(ana);
    const comment = 'A ação 2 está sem fotos dos participantes e a data da palestra na escola não confere com a lista de presença assinada pelos alunos.';
    expect((await review(regional, body.id, { decision: 'return', comment })).statusCode).toBe(201);

    const t1 = await tick(new Date(NOW.getTime() + 60_000));
    expect(t1).toMatchObject({ decidedHere: true, decided: 1, sent: 1, gone: 0, failed: 0 });
    const [msg] = mock.messages(anaSub.clientHash).map((m) => PushPayloadSchema.parse(m));
    expect(msg).toMatchObject({ kind: 'report_returned', title: 'Relatório de novembro de 2026 devolvido', url: `/#/relatorio/${body.id}`, reportId: body.id });
    expect(msg.body.startsWith('Corrigir: A ação 2 está sem fotos')).toBe(true);
    expect(msg.body.endsWith('…')).toBe(true);
    expect(msg.body.length).toBeLessThan(140);
    expect(mock.messages(otherSub.clientHash)).toEqual([]);

    // Later ticks (and a restart: everything is in the database) send nothing more.
    expect(await tick(new Date(NOW.getTime() + 120_000))).toMatchObject({ decided: 0, sent: 0 });
    expect(mock.messages(anaSub.clientHash)).toHaveLength(1);
  });

  it('approved and consolidated are notified; a 410 from the push service removes the subscription', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('cen', 'central');
    const sub = await subscribe(ana);
    const { body } = await env.sendReport(ana);
    await review(regional, body.id, { decision: 'approve' });
    expect(await tick(new Date(NOW.getTime() + 60_000))).toMatchObject({ decided: 1, sent: 1 });
    expect(mock.messages(sub.clientHash).map((m) => m.kind)).toEqual(['report_approved']);

    mock.expire(sub.clientHash);
    await review(central, body.id, { decision: 'consolidate' });
    const t = await tick(new Date(NOW.getTime() + 120_000));
    expect(t).toMatchObject({ decided: 1, sent: 0, gone: 1 });
    expect(mock.requests.filter((r) => r.clientHash === sub.clientHash).map((r) => r.status)).toEqual([201, 410]);
    expect(await count('push_subscriptions')).toBe(0);
    expect((await state(ana)).subscribed).toBe(false);
  });

  it('a failed send (503, network) is retried later with the same payload, and sent once', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const sub = await subscribe(ana);
    const { body } = await env.sendReport(ana);
    await review(regional, body.id, { decision: 'return', comment: 'Falta a lista de presença.' });
    const down: typeof fetch = async () => new Response('busy', { status: 503 });
    expect(await tick(new Date(NOW.getTime() + 60_000), down)).toMatchObject({ decided: 1, sent: 0, failed: 1 });
    const offline: typeof fetch = async () => { throw new TypeError('fetch failed'); };
    // Not due again before its retry time (1 minute after the first attempt).
    expect(await tick(new Date(NOW.getTime() + 90_000), offline)).toMatchObject({ sent: 0, failed: 0 });
    expect(await tick(new Date(NOW.getTime() + 121_000), offline)).toMatchObject({ sent: 0, failed: 1 });
    const { rows } = await env.store.driver.query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM push_deliveries');
    expect(rows).toEqual([{ attempts: 2, last_error: 'network: fetch failed' }]);
    expect(await tick(new Date(NOW.getTime() + 3_600_000))).toMatchObject({ sent: 1 });
    expect(await tick(new Date(NOW.getTime() + 7_200_000))).toMatchObject({ sent: 0 });
    expect(mock.messages(sub.clientHash).map((m) => m.body)).toEqual(['Corrigir: Falta a lista de presença.']);
  });

  it('a revoked session\'s subscription is removed at the next tick and gets nothing', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const sub = await subscribe(ana);
    const { body } = await env.sendReport(ana);
    await env.store.accounts.setUserDisabled('ana', true, NOW);
    await review(regional, body.id, { decision: 'approve' });
    expect(await tick(new Date(NOW.getTime() + 60_000))).toMatchObject({ sent: 0 });
    expect(await count('push_subscriptions')).toBe(0);
    expect(mock.messages(sub.clientHash)).toEqual([]);
  });

  it('"Enviar notificação de teste": 202 and the message arrives; 404 without a subscription; 410 push_gone once expired', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const none = await env.inject({ method: 'POST', url: '/api/v1/push/test', account: ana });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('no_subscription');
    const sub = await subscribe(ana);
    const ok = await env.inject({ method: 'POST', url: '/api/v1/push/test', account: ana });
    expect(ok.statusCode).toBe(202);
    expect(mock.messages(sub.clientHash)).toEqual([
      { kind: 'test', title: 'Notificação de teste', body: 'As notificações do Mobiliza funcionam neste aparelho.', url: '/#/configuracoes', tag: 'test' },
    ]);
    mock.expire(sub.clientHash);
    const gone = await env.inject({ method: 'POST', url: '/api/v1/push/test', account: ana });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('push_gone');
    expect((await state(ana)).subscribed).toBe(false);
  });

  it('regional digest: only when opted in, once a day from 8:00 in Minas Gerais, counting reports waiting', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const sub = await subscribe(regional);
    await env.sendReport(ana);
    // 12:00 UTC = 9:00 in MG: due, but not opted in.
    await tick(NOW);
    expect(mock.messages(sub.clientHash)).toEqual([]);
    expect((await env.inject({ method: 'PUT', url: '/api/v1/push/preferences', account: ana, json: { regionalDigest: true } })).statusCode).toBe(403);
    const pref = await env.inject({ method: 'PUT', url: '/api/v1/push/preferences', account: regional, json: { regionalDigest: true } });
    expect(pref.json()).toMatchObject({ subscribed: true, regionalDigest: true });
    await tick(new Date('2026-11-23T10:30:00Z')); // 7:30 in MG: not yet
    expect(mock.messages(sub.clientHash)).toEqual([]);
    await tick(NOW);
    await tick(new Date(NOW.getTime() + 3600_000));
    expect(mock.messages(sub.clientHash)).toEqual([
      { kind: 'regional_digest', title: 'Relatórios para revisar', body: '1 relatório aguarda revisão (1 novo desde ontem).', url: '/#/revisao', tag: 'digest' },
    ]);
  });
});
