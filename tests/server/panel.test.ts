import { describe, expect, it } from 'vitest';
import { DRIVERS, submission, useEndpoint, type Account } from './helpers.ts';

interface ActionSpec { type: string; themes: string[]; participants: number }

/**
 * The Painel against a seeded data set whose totals are counted by hand below. Municipalities:
 * Belo Horizonte, Betim, Contagem (unit Belo Horizonte, 39 municipalities) and Juiz de Fora
 * (unit Juiz de Fora, 37 municipalities).
 */
describe.each(DRIVERS)('Painel on %s', (kind) => {
  const env = useEndpoint(kind);

  async function send(agent: Account, period: string, actions: ActionSpec[], base?: Record<string, any>) {
    const photos: string[] = [];
    for (let i = 0; i < actions.length; i++) photos.push(await env.putPhoto(agent));
    const body = submission({ photos, municipalityCode: agent.user.municipalityCode, period, id: base?.id, revision: base ? base.revision + 1 : 1 });
    body.actions.forEach((a: Record<string, any>, i: number) => Object.assign(a, actions[i]));
    const res = await env.putReport(agent, body);
    expect(res.statusCode, res.body).toBe(201);
    return body;
  }
  const review = async (who: Account, id: string, decision: string, comment?: string) => {
    const res = await env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account: who, json: { decision, comment } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const panel = (who: Account, query: string) => env.inject({ method: 'GET', url: `/api/v1/panel?${query}`, account: who });

  async function seed() {
    const bh = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const betim = await env.account('ag-betim', 'agent', { municipalityCode: '3106705' });
    const contagem = await env.account('ag-contagem', 'agent', { municipalityCode: '3118601' });
    const jf = await env.account('ag-jf', 'agent', { municipalityCode: '3136702' });
    const ursBh = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const ursJf = await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' });
    const central = await env.account('central', 'central');

    // 1. BH, September: revision 1 returned, revision 2 (3 actions) approved. Only revision 2 counts.
    const r1 = await send(bh, '2026-09', [
      { type: 'palestra', themes: ['arboviroses'], participants: 10 },
      { type: 'oficina', themes: ['arboviroses', 'vacinacao'], participants: 20 },
    ]);
    await review(ursBh, r1.id, 'return', 'Falta uma ação.');
    await send(bh, '2026-09', [
      { type: 'palestra', themes: ['arboviroses'], participants: 15 },
      { type: 'oficina', themes: ['arboviroses', 'vacinacao'], participants: 20 },
      { type: 'mutirao', themes: ['residuos_reciclagem'], participants: 100 },
    ], r1);
    await review(ursBh, r1.id, 'approve');
    // 2. BH, October: received.
    await send(bh, '2026-10', [{ type: 'roda_conversa', themes: ['saude_mental'], participants: 8 }]);
    // 3. Betim, October: returned → not counted (but listed as a report).
    const r3 = await send(betim, '2026-10', [
      { type: 'palestra', themes: ['vacinacao'], participants: 30 },
      { type: 'palestra', themes: ['arboviroses'], participants: 12 },
    ]);
    await review(ursBh, r3.id, 'return', 'Fotos ilegíveis.');
    // 4. Contagem, November: approved, then consolidated by central.
    const r4 = await send(contagem, '2026-11', [{ type: 'campanha_blitz', themes: ['arboviroses', 'transito'], participants: 50 }]);
    await review(ursBh, r4.id, 'approve');
    await review(central, r4.id, 'consolidate');
    // 5. Juiz de Fora, October: received.
    await send(jf, '2026-10', [
      { type: 'palestra', themes: ['arboviroses'], participants: 25 },
      { type: 'oficina', themes: ['tabagismo'], participants: 5 },
    ]);
    // 6. Juiz de Fora, August: outside the September–November range.
    await send(jf, '2026-08', [{ type: 'teatro', themes: ['saude_bucal'], participants: 40 }]);
    return { bh, ursBh, ursJf, central };
  }

  it('central, whole state, September–November: every figure matches the hand count', async () => {
    const { central } = await seed();
    const res = await panel(central, 'from=2026-09&to=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ from: '2026-09', to: '2026-11', regional: null });
    // Counted reports: 1 (3 actions, 135), 2 (1, 8), 4 (1, 50), 5 (2, 30); report 3 is returned.
    expect(p.totals).toEqual({ actions: 7, participants: 223, reports: 5, reportsApproved: 2, municipalities: 853, municipalitiesReporting: 3 });
    expect(p.reportsByStatus).toEqual({ received: 2, returned: 1, approved: 1, consolidated: 1 });
    // Two-theme actions count once per theme: 9 theme marks for 7 actions.
    expect(p.byTheme).toEqual([
      { key: 'arboviroses', count: 4 },
      { key: 'residuos_reciclagem', count: 1 },
      { key: 'saude_mental', count: 1 },
      { key: 'tabagismo', count: 1 },
      { key: 'transito', count: 1 },
      { key: 'vacinacao', count: 1 },
    ]);
    expect(p.byType).toEqual([
      { key: 'oficina', count: 2 },
      { key: 'palestra', count: 2 },
      { key: 'campanha_blitz', count: 1 },
      { key: 'mutirao', count: 1 },
      { key: 'roda_conversa', count: 1 },
    ]);
    expect(p.byMonth).toEqual([
      { period: '2026-09', actions: 3, participants: 135, reports: 1 },
      { period: '2026-10', actions: 3, participants: 38, reports: 3 },
      { period: '2026-11', actions: 1, participants: 50, reports: 1 },
    ]);
    expect(p.byRegional).toHaveLength(28);
    expect(p.byRegional.find((r: any) => r.regional === 'Belo Horizonte')).toEqual({
      regional: 'Belo Horizonte', actions: 5, participants: 193, reports: 4, municipalities: 39, municipalitiesReporting: 2,
    });
    expect(p.byRegional.find((r: any) => r.regional === 'Juiz de Fora')).toEqual({
      regional: 'Juiz de Fora', actions: 2, participants: 30, reports: 1, municipalities: 37, municipalitiesReporting: 1,
    });
    expect(p.byRegional.reduce((n: number, r: any) => n + r.municipalities, 0)).toBe(853);
    expect(p.topMunicipalities).toEqual([
      { code: '3106200', name: 'Belo Horizonte', regional: 'Belo Horizonte', actions: 4, participants: 143 },
      { code: '3136702', name: 'Juiz de Fora', regional: 'Juiz de Fora', actions: 2, participants: 30 },
      { code: '3118601', name: 'Contagem', regional: 'Belo Horizonte', actions: 1, participants: 50 },
    ]);

    const august = (await panel(central, 'from=2026-08&to=2026-08')).json();
    expect(august.totals).toMatchObject({ actions: 1, participants: 40, reports: 1, municipalitiesReporting: 1 });
    expect(august.byTheme).toEqual([{ key: 'saude_bucal', count: 1 }]);
  });

  it('a regional unit sees only its own municipalities; central may filter by unit', async () => {
    const { ursBh, central } = await seed();
    const own = (await panel(ursBh, 'from=2026-09&to=2026-11')).json();
    expect(own.regional).toBe('Belo Horizonte');
    expect(own.totals).toEqual({ actions: 5, participants: 193, reports: 4, reportsApproved: 2, municipalities: 39, municipalitiesReporting: 2 });
    expect(own.reportsByStatus).toEqual({ received: 1, returned: 1, approved: 1, consolidated: 1 });
    expect(own.byTheme).toEqual([
      { key: 'arboviroses', count: 3 },
      { key: 'residuos_reciclagem', count: 1 },
      { key: 'saude_mental', count: 1 },
      { key: 'transito', count: 1 },
      { key: 'vacinacao', count: 1 },
    ]);
    expect(own.byRegional).toEqual([{ regional: 'Belo Horizonte', actions: 5, participants: 193, reports: 4, municipalities: 39, municipalitiesReporting: 2 }]);
    expect((await panel(ursBh, 'from=2026-09&to=2026-11&regional=Belo%20Horizonte')).json().totals.actions).toBe(5);

    const jfByCentral = (await panel(central, 'from=2026-09&to=2026-11&regional=Juiz%20de%20Fora')).json();
    expect(jfByCentral.totals).toEqual({ actions: 2, participants: 30, reports: 1, reportsApproved: 0, municipalities: 37, municipalitiesReporting: 1 });
    expect(jfByCentral.topMunicipalities.map((m: any) => m.name)).toEqual(['Juiz de Fora']);
  });

  it('authorization and filters: agents 403, another unit 403, bad filters 400, no token 401', async () => {
    const { bh, ursBh, ursJf, central } = await seed();
    expect((await panel(bh, 'from=2026-09&to=2026-11')).statusCode).toBe(403);
    expect((await panel(ursBh, 'regional=Juiz%20de%20Fora')).statusCode).toBe(403);
    expect((await panel(ursJf, 'regional=Belo%20Horizonte')).json().error.code).toBe('forbidden');
    for (const q of ['from=2026-13', 'from=2026-11&to=2026-09', 'regional=Atlantida', 'from=2000-01&to=2026-11', 'extra=1']) {
      const res = await panel(central, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect((await env.inject({ method: 'GET', url: '/api/v1/panel' })).statusCode).toBe(401);
    // Defaults: January of the current year (2026) to the current month.
    const def = (await panel(central, '')).json();
    expect([def.from, def.to, def.byMonth.length, def.totals.actions]).toEqual(['2026-01', '2026-11', 11, 8]);
  });
});
