// The partner registry (#16) at the endpoint: partners created offline arrive with a report and are
// registered once, deduplicated by normalised name + municipality; near-duplicates are only
// suggested, and merged (audited) by a regional unit or central; contact data stays in scope.
import { describe, expect, it } from 'vitest';
import { isNearDuplicate } from '../../../server/partners/near-duplicates.ts';
import { DRIVERS, submission, useEndpoint, type Account } from '../helpers.ts';
import { auditOf } from '../store-helpers.ts';

const BH = '3106200';
const BETIM = '3106705'; // same regional unit as BH
const JF = '3136702';

const newPartner = (name: string, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(), name, kind: 'pessoa_juridica', governmental: true, sector: 'educacao',
  phone: '(31) 3333-4444', email: 'escola@example.org', social: '@escola', campaigns: true, ...extra,
});

describe('near-duplicate names', () => {
  it('sees abbreviations, accents and typos, and keeps different organisations apart', () => {
    expect(isNearDuplicate('E.E. João XXIII', 'Escola Estadual João XXIII')).toBe(true);
    expect(isNearDuplicate('EE Joao XXIII', 'Escola Estadual  João XXIII')).toBe(true);
    expect(isNearDuplicate('Assoc. de Moradores do Bairro Alto', 'Associação Moradores Bairro Alto')).toBe(true);
    expect(isNearDuplicate('Escola Estadual Joao Pessoa', 'Escola Estadual Joao Pesoa')).toBe(true);
    expect(isNearDuplicate('Escola Estadual João XXIII', 'Escola Municipal João XXIII')).toBe(false);
    expect(isNearDuplicate('CRAS Centro', 'UBS Centro')).toBe(false);
  });
});

describe.each(DRIVERS)('partner registry on %s', (kind) => {
  const env = useEndpoint(kind);

  /** Sends a report whose first action names `partners` (refs) and carries `created` (new partners). */
  async function report(agent: Account, opts: { period?: string; refs: Record<string, unknown>[]; created?: Record<string, unknown>[]; id?: string }) {
    const photo = await env.putPhoto(agent);
    const body = submission({ id: opts.id, photos: [photo], municipalityCode: agent.user.municipalityCode, period: opts.period });
    body.actions[0].partners = opts.refs;
    if (opts.created) body.partners = opts.created;
    const res = await env.putReport(agent, body);
    return { res, body };
  }
  const list = async (who: Account, query = '') => {
    const res = await env.inject({ method: 'GET', url: `/api/v1/partners${query}`, account: who });
    return { status: res.statusCode, partners: res.statusCode === 200 ? (res.json().partners as Record<string, any>[]) : [] };
  };

  async function accounts() {
    return {
      agent: await env.account('ag-bh', 'agent', { municipalityCode: BH }),
      agentBetim: await env.account('ag-betim', 'agent', { municipalityCode: BETIM }),
      agentJf: await env.account('ag-jf', 'agent', { municipalityCode: JF }),
      urs: await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' }),
      ursJf: await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' }),
      central: await env.account('central', 'central'),
    };
  }

  it('registers a partner created offline once, even when the report is sent twice, and keeps contacts out of the report', async () => {
    const { agent } = await accounts();
    const p = newPartner('Escola Estadual São José');
    const first = await report(agent, { refs: [{ name: p.name, sector: 'educacao', partnerId: p.id }], created: [p] });
    expect(first.res.statusCode).toBe(201);
    const again = await env.putReport(agent, first.body);
    expect(again.statusCode).toBe(200);
    const { partners } = await list(agent, `?municipality=${BH}`);
    expect(partners.map((x) => [x.id, x.name, x.status, x.email])).toEqual([[p.id, 'Escola Estadual São José', 'active', 'escola@example.org']]);
    expect((await auditOf(env.store, 'partner', p.id)).map((a) => a.action)).toEqual(['partner.created']);
    // the report's stored revision names the partner, without its contact data
    const stored = await env.inject({ method: 'GET', url: `/api/v1/reports/${first.body.id}`, account: agent });
    expect(stored.body).toContain(p.id);
    expect(stored.body).not.toContain('escola@example.org');
    expect(stored.body).not.toContain('3333-4444');
  });

  it('deduplicates by normalised name within the municipality: accents, case and spacing; another municipality keeps its own', async () => {
    const { agent, agentBetim, central } = await accounts();
    const a = newPartner('Escola Estadual São José', { phone: undefined });
    await report(agent, { period: '2026-10', refs: [{ name: a.name, sector: 'educacao', partnerId: a.id }], created: [a] });
    const b = newPartner('  escola   ESTADUAL sao jose ', { campaigns: false });
    const r2 = await report(agent, { period: '2026-11', refs: [{ name: b.name.trim(), sector: 'educacao', partnerId: b.id }], created: [b] });
    expect(r2.res.statusCode).toBe(201);
    const c = newPartner('Escola Estadual São José');
    expect((await report(agentBetim, { refs: [{ name: c.name, sector: 'educacao', partnerId: c.id }], created: [c] })).res.statusCode).toBe(201);

    const bh = (await list(central, `?municipality=${BH}`)).partners;
    expect(bh).toHaveLength(1);
    // the second phone's contact filled the blank phone; the campaigns consent stays given
    expect(bh[0]).toMatchObject({ id: a.id, phone: '(31) 3333-4444', campaigns: true });
    expect((await list(central, `?municipality=${BETIM}`)).partners.map((x) => x.id)).toEqual([c.id]);
    // both of BH's actions count as one partner, and its history has both
    const detail = await env.inject({ method: 'GET', url: `/api/v1/partners/${a.id}`, account: agent });
    expect(detail.json().history.map((h: { period: string }) => h.period)).toEqual(['2026-11', '2026-10']);
    const panel = await env.inject({ method: 'GET', url: '/api/v1/panel/partners?from=2026-01&to=2026-11', account: central });
    expect(panel.json()).toMatchObject({ total: 2, bySector: [{ sector: 'educacao', partners: 2 }] });
    expect(panel.json().byMunicipality).toEqual(expect.arrayContaining([{ municipalityCode: BH, partners: 1, actions: 2 }]));
  });

  it('suggests near-duplicates without merging them; a regional unit merges (audited) and history and counts follow', async () => {
    const { agent, urs, ursJf, agentBetim, central } = await accounts();
    const ee = newPartner('E.E. João XXIII');
    const full = newPartner('Escola Estadual João XXIII', { email: 'joao@example.org', campaigns: false });
    await report(agent, { period: '2026-10', refs: [{ name: ee.name, sector: 'educacao', partnerId: ee.id }], created: [ee] });
    await report(agent, { period: '2026-11', refs: [{ name: full.name, sector: 'educacao', partnerId: full.id }], created: [full] });
    expect((await list(agent, `?municipality=${BH}`)).partners).toHaveLength(2);

    const dup = await env.inject({ method: 'GET', url: '/api/v1/partners/duplicates', account: urs });
    expect(dup.json().pairs.map((p: { a: { name: string }; b: { name: string } }) => [p.a.name, p.b.name].sort())).toEqual([['E.E. João XXIII', 'Escola Estadual João XXIII']]);
    expect((await env.inject({ method: 'GET', url: '/api/v1/partners/duplicates', account: ursJf })).json().pairs).toEqual([]);
    expect((await env.inject({ method: 'GET', url: '/api/v1/partners/duplicates', account: agent })).statusCode).toBe(403);

    const merge = (who: Account) => env.inject({ method: 'POST', url: `/api/v1/partners/${ee.id}/merge`, account: who, json: { into: full.id } });
    expect((await merge(agent)).statusCode).toBe(403);
    expect((await merge(agentBetim)).statusCode).toBe(403);
    expect((await merge(ursJf)).statusCode).toBe(403);
    const done = await merge(urs);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ mergedInto: full.id, partner: { id: full.id, email: 'joao@example.org', campaigns: true } });
    expect((await merge(central)).statusCode).toBe(409);
    expect((await auditOf(env.store, 'partner', ee.id)).map((a) => [a.action, a.fromStatus, a.toStatus])).toContainEqual(['partner.merged', 'active', 'merged']);
    expect((await list(agent, `?municipality=${BH}`)).partners.map((p) => p.id)).toEqual([full.id]);
    const history = (await env.inject({ method: 'GET', url: `/api/v1/partners/${full.id}`, account: urs })).json().history;
    expect(history.map((h: { period: string }) => h.period)).toEqual(['2026-11', '2026-10']);
    const panel = (await env.inject({ method: 'GET', url: '/api/v1/panel/partners?from=2026-01&to=2026-11', account: urs })).json();
    expect(panel.total).toBe(1);
    // a later report naming the merged partner's phone id reaches the kept partner
    await report(agent, { period: '2026-09', refs: [{ name: ee.name, sector: 'educacao', partnerId: ee.id }] });
    const after = (await env.inject({ method: 'GET', url: `/api/v1/partners/${full.id}`, account: urs })).json().history;
    expect(after).toHaveLength(3);
  });

  it('shows contact data only to the municipality\'s agents, its regional unit and central (authorization matrix)', async () => {
    const { agent, agentBetim, agentJf, urs, ursJf, central } = await accounts();
    const p = newPartner('Associação Comunitária do Bairro');
    await report(agent, { refs: [{ name: p.name, sector: 'sociedade_civil', partnerId: p.id }], created: [p] });
    const get = (who: Account) => env.inject({ method: 'GET', url: `/api/v1/partners/${p.id}`, account: who });
    for (const who of [agent, urs, central]) {
      const res = await get(who);
      expect(res.statusCode, who.user.login).toBe(200);
      expect(res.json().partner).toMatchObject({ phone: '(31) 3333-4444', email: 'escola@example.org', social: '@escola' });
    }
    for (const who of [agentBetim, agentJf, ursJf]) {
      const res = await get(who);
      expect(res.statusCode, who.user.login).toBe(403);
      expect(res.body).not.toContain('escola@example.org');
    }
    expect((await env.inject({ method: 'GET', url: `/api/v1/partners/${p.id}` })).statusCode).toBe(401);
    expect((await list(agentBetim, `?municipality=${BH}`)).status).toBe(403);
    expect((await list(agentBetim)).partners).toEqual([]);
    expect((await list(ursJf)).partners).toEqual([]);
    expect((await list(ursJf, '?regional=Belo%20Horizonte')).status).toBe(403);
    expect((await list(urs, '?regional=Belo%20Horizonte')).partners.map((x) => x.id)).toEqual([p.id]);
    const all = await env.inject({ method: 'GET', url: '/api/v1/partners', account: central });
    expect(all.json().partners.map((x: { id: string }) => x.id)).toEqual([p.id]);
    // the public pages never show a partner's data
    for (const url of ['/publico', '/publico/parceiros', '/publico/parceiros/obrigado', '/publico/destaques']) {
      const res = await env.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/Associação Comunitária|escola@example\.org|3333-4444|@escola/);
    }
  });

  it('keeps free-text partners of older reports: counted by name, claimed by the registry when the partner appears', async () => {
    const { agent, central } = await accounts();
    await report(agent, { period: '2026-09', refs: [{ name: 'Rádio Comunitária FM', sector: 'imprensa_midia' }, { name: 'rádio  comunitaria fm', sector: 'imprensa_midia' }] });
    let panel = (await env.inject({ method: 'GET', url: '/api/v1/panel/partners?from=2026-01&to=2026-11', account: central })).json();
    expect(panel.bySector).toEqual([{ sector: 'imprensa_midia', partners: 1 }]);
    const p = newPartner('Rádio Comunitária FM', { sector: 'imprensa_midia', kind: 'grupo_informal', governmental: false });
    await report(agent, { period: '2026-10', refs: [{ name: p.name, sector: 'imprensa_midia', partnerId: p.id }], created: [p] });
    panel = (await env.inject({ method: 'GET', url: '/api/v1/panel/partners?from=2026-01&to=2026-11', account: central })).json();
    expect(panel.total).toBe(1);
    const history = (await env.inject({ method: 'GET', url: `/api/v1/partners/${p.id}`, account: agent })).json().history;
    expect(history.map((h: { period: string }) => h.period)).toEqual(['2026-10', '2026-09']);
  });

  it('refuses a new partner with a bad shape, and counts only received, approved and consolidated reports', async () => {
    const { agent, urs, central } = await accounts();
    const bad = await report(agent, { refs: [], created: [{ ...newPartner('X'), kind: 'empresa' }] });
    expect(bad.res.statusCode).toBe(422);
    const p = newPartner('Paróquia Santa Rita', { sector: 'instituicao_religiosa' });
    const sent = await report(agent, { refs: [{ name: p.name, sector: 'instituicao_religiosa', partnerId: p.id }], created: [p] });
    const ret = await env.inject({ method: 'POST', url: `/api/v1/reports/${sent.body.id}/reviews`, account: urs, json: { decision: 'return', comment: 'Corrigir.' } });
    expect(ret.statusCode).toBe(201);
    const panel = (await env.inject({ method: 'GET', url: '/api/v1/panel/partners?from=2026-01&to=2026-11', account: central })).json();
    expect(panel.total).toBe(0);
  });
});
