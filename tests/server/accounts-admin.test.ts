import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_ROWS } from '../../src/domain/accounts-api.ts';
import { formatDemoCentral, seedDemoCentral } from '../../server/demo.ts';
import { DRIVERS, NOW, PASSWORD, useEndpoint, type Account } from './helpers.ts';

const BH = '3106200'; // Belo Horizonte, unit Belo Horizonte
const BETIM = '3106705'; // unit Belo Horizonte
const JF = '3136702'; // Juiz de Fora, unit Juiz de Fora

describe.each(DRIVERS)('account management on %s', (kind) => {
  const env = useEndpoint(kind);

  async function team() {
    return {
      agentA: await env.account('agente-a', 'agent', { municipalityCode: BH }),
      agentC: await env.account('agente-c', 'agent', { municipalityCode: JF }),
      regionalBH: await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' }),
      regionalJF: await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' }),
      central: await env.account('central', 'central'),
    };
  }
  type Team = Awaited<ReturnType<typeof team>>;
  type Who = keyof Team;
  const WHO: Who[] = ['agentA', 'agentC', 'regionalBH', 'regionalJF', 'central'];

  async function create(by: Account, body: Record<string, unknown>) {
    const res = await env.inject({ method: 'POST', url: '/api/v1/admin/accounts', account: by, json: body });
    return res;
  }
  async function createAgent(by: Account, name = 'Ana Souza', municipalityCode = BH) {
    const res = await create(by, { name, role: 'agent', municipalityCode });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { account: { id: string; login: string }; accessCode: { code: string; expiresAt: string } };
  }
  const redeem = (code: string, password = 'nova-senha-123', deviceName = 'Moto G') =>
    env.inject({ method: 'POST', url: '/api/v1/auth/access-codes/redeem', json: { code, password, deviceName } });

  it('answers every new route for each role as documented (authorization matrix, escalation refused)', async () => {
    const t = await team();
    const agentBH = await createAgent(t.central, 'Bruno Lima', BETIM);
    const agentJF = await createAgent(t.central, 'Carla Dias', JF);
    const sessionOfA = (await env.inject({ method: 'GET', url: '/api/v1/me/devices', account: t.agentA })).json().devices[0].id as string;

    const matrix = async (name: string, expected: Record<Who, number>, call: (w: Who) => Promise<{ statusCode: number }>) => {
      const got: Partial<Record<Who, number>> = {};
      for (const w of WHO) got[w] = (await call(w)).statusCode;
      expect(got, name).toEqual(expected);
    };
    const req = (w: Who, method: string, url: string, json?: unknown) => env.inject({ method: method as 'GET', url: `/api/v1${url}`, account: t[w], json });

    await matrix('GET /admin/accounts', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 200, central: 200 }, (w) => req(w, 'GET', '/admin/accounts'));
    await matrix('GET agent of BH unit', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => req(w, 'GET', `/admin/accounts/${agentBH.account.id}`));
    await matrix('GET regional account', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 200 },
      (w) => req(w, 'GET', `/admin/accounts/${t.regionalBH.user.id}`));
    await matrix('GET history of BH agent', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => req(w, 'GET', `/admin/accounts/${agentBH.account.id}/history`));
    await matrix('PATCH phone of BH agent', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => req(w, 'PATCH', `/admin/accounts/${agentBH.account.id}`, { phone: '(31) 98888-0000' }));
    await matrix('POST access code for BH agent', { agentA: 403, agentC: 403, regionalBH: 201, regionalJF: 403, central: 201 },
      (w) => req(w, 'POST', `/admin/accounts/${agentBH.account.id}/access-codes`));
    await matrix('POST access code for JF agent', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 201, central: 201 },
      (w) => req(w, 'POST', `/admin/accounts/${agentJF.account.id}/access-codes`));
    await matrix('disable BH agent', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => req(w, 'POST', `/admin/accounts/${agentBH.account.id}/disable`));
    await matrix('enable BH agent', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => req(w, 'POST', `/admin/accounts/${agentBH.account.id}/enable`));
    await matrix('create agent in BH', { agentA: 403, agentC: 403, regionalBH: 201, regionalJF: 403, central: 201 },
      (w) => req(w, 'POST', '/admin/accounts', { name: `Nova Pessoa ${w}`, role: 'agent', municipalityCode: BH }));
    await matrix('create regional', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 201 },
      (w) => req(w, 'POST', '/admin/accounts', { name: `Regional ${w}`, role: 'regional', regional: 'Juiz de Fora' }));
    await matrix('create central', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 201 },
      (w) => req(w, 'POST', '/admin/accounts', { name: `Central ${w}`, role: 'central' }));
    await matrix('preview import', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 200, central: 200 },
      (w) => req(w, 'POST', '/admin/imports/preview', { csv: 'municipio;nome\nBetim;Zé\n' }));
    await matrix('confirm import (nothing ready)', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 200, central: 200 },
      (w) => req(w, 'POST', '/admin/imports/confirm', { csv: 'municipio;nome\nLugar Nenhum;Zé\n' }));
    await matrix('GET /admin/nucleos', { agentA: 403, agentC: 403, regionalBH: 200, regionalJF: 200, central: 200 }, (w) => req(w, 'GET', '/admin/nucleos'));
    await matrix('GET /admin/coverage', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 200 }, (w) => req(w, 'GET', '/admin/coverage'));
    await matrix('GET /exports/nucleos.csv', { agentA: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 200 }, (w) => req(w, 'GET', '/exports/nucleos.csv'));
    await matrix('GET /me/devices', { agentA: 200, agentC: 200, regionalBH: 200, regionalJF: 200, central: 200 }, (w) => req(w, 'GET', '/me/devices'));
    await matrix('POST /me/devices/revoke-others', { agentA: 200, agentC: 200, regionalBH: 200, regionalJF: 200, central: 200 },
      (w) => req(w, 'POST', '/me/devices/revoke-others'));
    await matrix('revoke a device of agent A', { agentA: 403, agentC: 403, regionalBH: 204, regionalJF: 403, central: 404 },
      (w) => req(w, 'DELETE', `/admin/accounts/${t.agentA.user.id}/devices/${sessionOfA}`));

    // Escalation attempts: each refused with 403 and nothing changed.
    const refused = async (label: string, w: Who, method: string, url: string, json?: unknown) => {
      const res = await req(w, method, url, json);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    };
    await refused('regional creates another unit\'s agent', 'regionalBH', 'POST', '/admin/accounts', { name: 'Fora', role: 'agent', municipalityCode: JF });
    await refused('regional promotes its agent to regional', 'regionalBH', 'PATCH', `/admin/accounts/${agentBH.account.id}`, { role: 'regional', regional: 'Belo Horizonte' });
    await refused('regional moves its agent to another unit', 'regionalBH', 'PATCH', `/admin/accounts/${agentBH.account.id}`, { municipalityCode: JF });
    await refused('regional edits its own role', 'regionalBH', 'PATCH', `/admin/accounts/${t.regionalBH.user.id}`, { role: 'central' });
    await refused('regional edits its own unit', 'regionalBH', 'PATCH', `/admin/accounts/${t.regionalBH.user.id}`, { regional: 'Juiz de Fora' });
    await refused('central edits its own role', 'central', 'PATCH', `/admin/accounts/${t.central.user.id}`, { role: 'agent', municipalityCode: BH });
    await refused('central disables itself', 'central', 'POST', `/admin/accounts/${t.central.user.id}/disable`);
    const after = (await req('central', 'GET', `/admin/accounts/${agentBH.account.id}`)).json();
    expect(after.account).toMatchObject({ role: 'agent', municipalityCode: BETIM, phone: '(31) 98888-0000', disabled: false });
    expect((await req('central', 'GET', `/admin/accounts/${t.regionalBH.user.id}`)).json().account).toMatchObject({ role: 'regional', regional: 'Belo Horizonte' });

    // A regional's list holds only its unit's agents.
    const listBH = (await req('regionalBH', 'GET', '/admin/accounts')).json().accounts as { role: string; municipalityCode?: string }[];
    expect(listBH.length).toBeGreaterThan(0);
    expect(listBH.every((a) => a.role === 'agent' && [BH, BETIM].includes(a.municipalityCode ?? ''))).toBe(true);
    expect((await req('regionalJF', 'GET', '/admin/nucleos')).json().municipalities.every((m: { regional: string }) => m.regional === 'Juiz de Fora')).toBe(true);
  });

  it('every new protected route answers 401 without a token', async () => {
    const id = crypto.randomUUID();
    for (const [method, url] of [
      ['GET', '/admin/accounts'], ['POST', '/admin/accounts'], ['GET', `/admin/accounts/${id}`], ['PATCH', `/admin/accounts/${id}`],
      ['POST', `/admin/accounts/${id}/disable`], ['POST', `/admin/accounts/${id}/enable`], ['POST', `/admin/accounts/${id}/access-codes`],
      ['GET', `/admin/accounts/${id}/history`], ['DELETE', `/admin/accounts/${id}/devices/${id}`], ['POST', '/admin/imports/preview'],
      ['POST', '/admin/imports/confirm'], ['GET', '/admin/nucleos'], ['GET', '/admin/coverage'], ['GET', '/exports/nucleos.csv'],
      ['GET', '/me/devices'], ['DELETE', `/me/devices/${id}`], ['POST', '/me/devices/revoke-others'], ['PUT', '/me/password'],
    ]) {
      const res = await env.inject({ method: method as 'GET', url: `/api/v1${url}` });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('creates an account with a single-use code that signs a phone in and sets the password', async () => {
    const t = await team();
    const made = await createAgent(t.regionalBH, 'Ana Maria de Souza');
    expect(made.account.login).toBe('ana.souza');
    expect(new Date(made.accessCode.expiresAt).getTime() - NOW.getTime()).toBe(72 * 3600 * 1000);
    expect(made.accessCode.code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Stored only as a hash: the clear code appears nowhere in the table.
    const { rows } = await env.store.driver.query<Record<string, unknown>>('SELECT * FROM access_codes');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(made.accessCode.code);

    const check = await env.inject({ method: 'POST', url: '/api/v1/auth/access-codes/check', json: { code: made.accessCode.code } });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ login: 'ana.souza', name: 'Ana Maria de Souza' });

    // No password works before the code is redeemed.
    const early = await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: 'ana.souza', password: '!no-password' } });
    expect(early.statusCode).toBe(401);

    const short = await redeem(made.accessCode.code, 'curta');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('pelo menos 8');

    const ok = await redeem(made.accessCode.code);
    expect(ok.statusCode).toBe(201);
    const token = ok.json().token as string;
    const me = await env.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ login: 'ana.souza', role: 'agent', municipalityCode: BH });

    const again = await redeem(made.accessCode.code);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('access_code_used');
    expect(again.json().error.message).toContain('já foi usado');

    // The chosen password signs in on another phone.
    const login = await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: 'ana.souza', password: 'nova-senha-123' } });
    expect(login.statusCode).toBe(201);
    const detail = (await env.inject({ method: 'GET', url: `/api/v1/admin/accounts/${made.account.id}`, account: t.regionalBH })).json();
    expect(detail.devices.map((d: { deviceName: string | null }) => d.deviceName ?? '-').sort()).toEqual(['-', 'Moto G']);
    expect(detail.account.pendingCodeExpiresAt).toBeNull();
  });

  it('lets exactly one of 10 concurrent redemptions win', async () => {
    const t = await team();
    const made = await createAgent(t.central);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(made.accessCode.code, `senha-numero-${i}`, `Aparelho ${i}`)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 410)).toHaveLength(9);
    const { rows } = await env.store.driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [made.account.id]);
    expect(rows[0].n).toBe(1);
    // The password of the winner is the one stored.
    const winner = results.findIndex((r) => r.statusCode === 201);
    const login = await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: made.account.login, password: `senha-numero-${winner}` } });
    expect(login.statusCode).toBe(201);
  });

  it('refuses an expired code, a replaced code, a disabled account, and limits guessing', async () => {
    const t = await team();
    const first = await createAgent(t.central);
    const fresh = await env.inject({ method: 'POST', url: `/api/v1/admin/accounts/${first.account.id}/access-codes`, account: t.central });
    expect(fresh.statusCode).toBe(201);
    const replaced = await redeem(first.accessCode.code);
    expect(replaced.json().error.code).toBe('access_code_expired');

    await env.rebuild({ now: () => new Date(NOW.getTime() + 72 * 3600 * 1000 + 1000) });
    const expired = await redeem(fresh.json().code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toMatchObject({ code: 'access_code_expired', message: expect.stringContaining('venceu') });

    await env.rebuild({ limits: { accessCodeHours: 1 } });
    const other = await createAgent(t.central, 'Outra Pessoa');
    expect(new Date(other.accessCode.expiresAt).getTime() - NOW.getTime()).toBe(3600 * 1000);
    await env.inject({ method: 'POST', url: `/api/v1/admin/accounts/${other.account.id}/disable`, account: t.central });
    expect((await redeem(other.accessCode.code)).json().error.code).toBe('account_disabled');

    await env.rebuild({ limits: { accessCodeMaxFailuresPerAddress: 3 } });
    // the limits live in the database (shared by every endpoint process): start this address afresh
    await env.store.driver.query('DELETE FROM rate_limits');
    const good = await createAgent(t.central, 'Pessoa Boa');
    for (let i = 0; i < 3; i++) expect((await redeem('x'.repeat(43))).statusCode).toBe(404);
    const blocked = await redeem(good.accessCode.code);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeTruthy();
    const check = await env.inject({ method: 'POST', url: '/api/v1/auth/access-codes/check', json: { code: good.accessCode.code } });
    expect(check.statusCode).toBe(429);
  });

  it('revokes one device (401 on its next request), disabling revokes all, history keeps before/after', async () => {
    const t = await team();
    const made = await createAgent(t.regionalBH);
    const phone = (await redeem(made.accessCode.code, 'senha-do-fone', 'Celular da Ana')).json().token as string;
    const other = (await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: made.account.login, password: 'senha-do-fone', deviceName: 'Tablet' } })).json().token as string;
    const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

    const devices = (await env.inject({ method: 'GET', url: `/api/v1/admin/accounts/${made.account.id}`, account: t.regionalBH })).json().devices as { id: string; deviceName: string }[];
    const phoneDevice = devices.find((d) => d.deviceName === 'Celular da Ana')!;
    expect((await env.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${made.account.id}/devices/${phoneDevice.id}`, account: t.regionalBH })).statusCode).toBe(204);
    const revoked = await env.inject({ method: 'GET', url: '/api/v1/reports', headers: auth(phone) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('unauthenticated');
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', headers: auth(other) })).statusCode).toBe(200);

    await env.inject({ method: 'PATCH', url: `/api/v1/admin/accounts/${made.account.id}`, account: t.regionalBH, json: { name: 'Ana S. Souza' } });
    expect((await env.inject({ method: 'POST', url: `/api/v1/admin/accounts/${made.account.id}/disable`, account: t.regionalBH })).json().account.disabled).toBe(true);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', headers: auth(other) })).statusCode).toBe(401);
    const signIn = await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: made.account.login, password: 'senha-do-fone' } });
    expect(signIn.statusCode).toBe(401);
    await env.inject({ method: 'POST', url: `/api/v1/admin/accounts/${made.account.id}/enable`, account: t.regionalBH });
    expect((await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: made.account.login, password: 'senha-do-fone' } })).statusCode).toBe(201);

    const history = (await env.inject({ method: 'GET', url: `/api/v1/admin/accounts/${made.account.id}/history`, account: t.regionalBH })).json().entries as
      { action: string; actor: { login: string } | null; detail: Record<string, any> | null }[];
    const actions = history.map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.access_code_issued', 'user.access_code_redeemed', 'user.device_revoked',
      'user.updated', 'user.disabled', 'user.enabled', 'session.created']));
    const update = history.find((h) => h.action === 'user.updated')!;
    expect(update.actor?.login).toBe('urs-bh');
    expect(update.detail?.before.name).toBe('Ana Souza');
    expect(update.detail?.after.name).toBe('Ana S. Souza');
    expect(history.find((h) => h.action === 'user.disabled')!.detail).toMatchObject({ before: { disabled: false }, after: { disabled: true }, devicesRevoked: 1 });
  });

  it('lets a user change their password and sign out their other devices', async () => {
    const t = await team();
    const second = (await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: 'agente-a', password: PASSWORD, deviceName: 'Antigo' } })).json().token as string;
    const mine = (await env.inject({ method: 'GET', url: '/api/v1/me/devices', account: t.agentA })).json().devices as { id: string; current: boolean }[];
    expect(mine).toHaveLength(2);
    expect(mine.filter((d) => d.current)).toHaveLength(1);

    const wrong = await env.inject({ method: 'PUT', url: '/api/v1/me/password', account: t.agentA, json: { currentPassword: 'errada', newPassword: 'outra-senha-1' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    const ok = await env.inject({ method: 'PUT', url: '/api/v1/me/password', account: t.agentA, json: { currentPassword: PASSWORD, newPassword: 'outra-senha-1', signOutOthers: true } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().revoked).toBe(1);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${second}` } })).statusCode).toBe(401);
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: t.agentA })).statusCode).toBe(200);
    expect((await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: 'agente-a', password: 'outra-senha-1' } })).statusCode).toBe(201);

    // Revoking one's own device by id; another account's device is not found.
    const devices = (await env.inject({ method: 'GET', url: '/api/v1/me/devices', account: t.agentA })).json().devices as { id: string; current: boolean }[];
    const notCurrent = devices.find((d) => !d.current)!;
    expect((await env.inject({ method: 'DELETE', url: `/api/v1/me/devices/${notCurrent.id}`, account: t.agentC })).statusCode).toBe(404);
    expect((await env.inject({ method: 'DELETE', url: `/api/v1/me/devices/${notCurrent.id}`, account: t.agentA })).statusCode).toBe(204);
  });

  describe('bulk import', () => {
    const preview = (by: Account, csv: string) => env.inject({ method: 'POST', url: '/api/v1/admin/imports/preview', account: by, json: { csv } });
    const confirm = (by: Account, csv: string) => env.inject({ method: 'POST', url: '/api/v1/admin/imports/confirm', account: by, json: { csv } });
    const countUsers = async () => (await env.store.driver.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;

    it('shows every row problem, writes nothing before confirm, and a second confirm changes nothing', async () => {
      const t = await team();
      await createAgent(t.central, 'Existente da Silva', BETIM);
      const csv = [
        '\uFEFFMunicípio,Nome,Telefone,E-mail',
        'Belo Horizonte,Maria Oliveira,(31) 99999-0001,maria@example.org',
        '3106705,"Souza, João",31988880002,',
        'Juiz de Fora,Fora do Escopo,,',
        'Cidade Inventada,Alguém,,',
        'Belo Horizonte,maria oliveira,,',
        'Betim,Existente da Silva,,',
        'Contagem,,,',
        'Contagem,=HYPERLINK("http://x"),,',
        'Contagem,Pedro Alves,123,pedro@',
        'contagem,Lúcia Freitas,+55 31 97777-0000,',
      ].join('\r\n');
      const before = await countUsers();
      const res = await preview(t.regionalBH, csv);
      expect(res.statusCode, res.body).toBe(200);
      expect(await countUsers()).toBe(before);
      const body = res.json() as { rows: { line: number; municipalityCode: string | null; name: string; problems: { code: string; message: string }[] }[]; total: number; ready: number };
      const codes = Object.fromEntries(body.rows.map((r) => [r.line, r.problems.map((p) => p.code)]));
      expect(codes).toEqual({
        2: [], 3: [], 4: ['out_of_scope'], 5: ['unknown_municipality'], 6: ['duplicate_in_file'], 7: ['existing_account'],
        8: ['missing_name'], 9: ['formula'], 10: ['invalid_phone', 'invalid_email'], 11: [],
      });
      expect(body.rows.find((r) => r.line === 3)).toMatchObject({ name: 'Souza, João', municipalityCode: BETIM });
      expect(body.rows.find((r) => r.line === 4)!.problems[0].message).toContain('Juiz de Fora');
      expect(body.rows.find((r) => r.line === 6)!.problems[0].message).toContain('linha 2');
      expect(body).toMatchObject({ total: 10, ready: 3 });

      const first = await confirm(t.regionalBH, csv);
      expect(first.statusCode).toBe(201);
      const result = first.json() as { created: { line: number; login: string; accessCode: { code: string } }[]; skipped: unknown[] };
      expect(result.created.map((c) => c.line)).toEqual([2, 3, 11]);
      expect(result.created.map((c) => c.login)).toEqual(['maria.oliveira', 'souza.joao', 'lucia.freitas']);
      expect(result.skipped).toHaveLength(7);
      expect(await countUsers()).toBe(before + 3);
      expect((await redeem(result.created[0].accessCode.code)).statusCode).toBe(201);

      const second = await confirm(t.regionalBH, csv);
      expect(second.statusCode).toBe(200);
      expect(second.json().created).toEqual([]);
      expect(await countUsers()).toBe(before + 3);
      const again = (await preview(t.regionalBH, csv)).json() as typeof body;
      expect(again.rows.filter((r) => r.problems.some((p) => p.code === 'existing_account')).map((r) => r.line)).toEqual([2, 3, 7, 11]);
    });

    it('two concurrent confirms of one file create each account once', async () => {
      const t = await team();
      const csv = 'municipio;nome;telefone;email\nBelo Horizonte;Ana Um;;\nBetim;Ana Dois;;\n';
      const [a, b] = await Promise.all([confirm(t.central, csv), confirm(t.central, csv)]);
      expect([a.json().created.length, b.json().created.length].sort()).toEqual([0, 2]);
      const { rows } = await env.store.driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE name LIKE 'Ana %'`);
      expect(rows[0].n).toBe(2);
    });

    it('refuses more than 2,000 rows, a file without the header, and a file not in UTF-8', async () => {
      const t = await team();
      const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `Belo Horizonte;Pessoa ${i}`);
      const big = await preview(t.central, ['municipio;nome', ...rows].join('\n'));
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'too_many_rows', message: expect.stringContaining('2.001 linhas') });
      const exact = await preview(t.central, ['municipio;nome', ...rows.slice(1)].join('\n'));
      expect(exact.statusCode).toBe(200);
      expect(exact.json().total).toBe(IMPORT_MAX_ROWS);

      const noHeader = await preview(t.central, 'Belo Horizonte;Ana\n');
      expect(noHeader.statusCode).toBe(400);
      expect(noHeader.json().error).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('municipio;nome') });
      const latin1 = await preview(t.central, 'municipio;nome\nS\uFFFDo Jo\uFFFDo;Ana\n');
      expect(latin1.json().error).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('UTF-8') });
    });
  });

  it('counts active núcleos and last month\'s reports per regional unit', async () => {
    const t = await team(); // agentA (BH) and agentC (JF) have sessions created NOW
    await env.sendReport(t.agentA, { period: '2026-10' });
    await createAgent(t.central, 'Sem Acesso', BETIM); // no session: not active
    const cov = (await env.inject({ method: 'GET', url: '/api/v1/admin/coverage', account: t.central })).json();
    expect(cov.lastMonth).toBe('2026-10');
    expect(cov.totals).toEqual({ municipalities: 853, withNucleo: 2, reportedLastMonth: 1 });
    expect(cov.byRegional).toHaveLength(28);
    expect(cov.byRegional.find((r: { regional: string }) => r.regional === 'Belo Horizonte')).toMatchObject({ withNucleo: 1, reportedLastMonth: 1 });
    expect(cov.byRegional.find((r: { regional: string }) => r.regional === 'Juiz de Fora')).toMatchObject({ withNucleo: 1, reportedLastMonth: 0 });
    expect(cov.withoutNucleo).toHaveLength(851);
    expect(cov.withoutNucleo.some((m: { code: string }) => m.code === BETIM)).toBe(true);

    const list = (await env.inject({ method: 'GET', url: '/api/v1/admin/nucleos', account: t.regionalBH })).json();
    const byCode = Object.fromEntries(list.municipalities.map((m: { code: string }) => [m.code, m]));
    expect(byCode[BH]).toMatchObject({ state: 'active', agents: 1, activeAgents: 1, lastReportPeriod: '2026-10' });
    expect(byCode[BETIM]).toMatchObject({ state: 'inactive', agents: 1, activeAgents: 0, lastReportPeriod: null });

    // Agent A last seen 91 days ago: Belo Horizonte no longer has an active núcleo.
    const old = new Date(NOW.getTime() - 91 * 86_400_000);
    await env.store.driver.query('UPDATE sessions SET created_at = $2, last_seen_at = $2 WHERE user_id = $1', [t.agentA.user.id, old]);
    const later = (await env.inject({ method: 'GET', url: '/api/v1/admin/coverage', account: t.central })).json();
    expect(later.totals.withNucleo).toBe(1);
    expect(later.withoutNucleo.some((m: { code: string }) => m.code === BH)).toBe(true);

    const csv = await env.inject({ method: 'GET', url: '/api/v1/exports/nucleos.csv', account: t.central });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toContain('Enviou relatório de outubro de 2026');
    expect(lines).toHaveLength(853 + 2);
    expect(lines.find((l) => l.startsWith(BH))).toBe(`${BH};Belo Horizonte;Belo Horizonte;Não;0;1;Sim;outubro de 2026`);
  });

  it('bootstraps the demo with one central account and a one-time link (a new link each start)', async () => {
    const first = await seedDemoCentral(env.store, NOW, 72);
    const second = await seedDemoCentral(env.store, NOW, 72);
    expect(formatDemoCentral('http://127.0.0.1:8080', second)).toContain(`http://127.0.0.1:8080/#/entrar?codigo=${second.code}`);
    expect((await redeem(first.code)).json().error.code).toBe('access_code_expired');
    const ok = await redeem(second.code);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user).toMatchObject({ login: 'coordenacao-central', role: 'central' });
    const { rows } = await env.store.driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
    expect(rows[0].n).toBe(1);
  });

  it('remembers when each device was last seen (at most every 5 minutes)', async () => {
    const t = await team();
    const seen = async () => (await env.inject({ method: 'GET', url: `/api/v1/admin/accounts/${t.agentA.user.id}`, account: t.central })).json().account.lastSeenAt;
    expect(await seen()).toBe(NOW.toISOString()); // created NOW, never used
    const later = new Date(NOW.getTime() + 10 * 60_000);
    await env.rebuild({ now: () => later });
    expect((await env.inject({ method: 'GET', url: '/api/v1/me', account: t.agentA })).statusCode).toBe(200);
    await expect.poll(seen).toBe(later.toISOString());
  });
});
