import { describe, expect, it } from 'vitest';
import { municipalitiesOfRegional, REGIONALS } from '../../src/domain/municipality.ts';
import { DRIVERS, NOW, useEndpoint } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

describe.each(DRIVERS)('due dates on %s', (kind) => {
  const env = useEndpoint(kind);
  const bh = municipalitiesOfRegional('Belo Horizonte');
  const [x, y, z] = [bh[0].code, bh[1].code, bh[2].code];

  it('GET /deadlines gives the rule to everyone (default day 10); only central changes it, validated', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: x });
    const reg = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const cen = await env.account('cen', 'central');
    expect((await env.inject({ method: 'GET', url: '/api/v1/deadlines', account: ana })).json()).toEqual({ defaultDay: 10, years: {}, periods: {} });
    const rule = { defaultDay: 12, years: { '2027': 15 }, periods: { '2026-12': 20 } };
    expect((await env.inject({ method: 'PUT', url: '/api/v1/deadlines', account: reg, json: rule })).statusCode).toBe(403);
    const bad = await env.inject({ method: 'PUT', url: '/api/v1/deadlines', account: cen, json: { ...rule, defaultDay: 40 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_deadlines', issues: [{ path: 'defaultDay', message: 'dia inválido (1 a 31)' }] });
    expect((await env.inject({ method: 'PUT', url: '/api/v1/deadlines', account: cen, json: rule })).json()).toEqual(rule);
    expect((await env.inject({ method: 'GET', url: '/api/v1/deadlines', account: ana })).json()).toEqual(rule);
    expect((await auditOf(env.store, 'settings', 'deadlines')).map((a) => a.action)).toEqual(['deadlines.updated']);
  });

  /** x sends October on 5/11 (on time), y on 23/11 (late); z sends November on 23/11. */
  async function seed() {
    const ax = await env.account('ax', 'agent', { municipalityCode: x });
    const ay = await env.account('ay', 'agent', { municipalityCode: y });
    const az = await env.account('az', 'agent', { municipalityCode: z });
    await env.rebuild({ now: () => new Date('2026-11-05T15:00:00Z') });
    await env.sendReport(ax, { period: '2026-10' });
    // 10/11 at 23:30 in Minas Gerais is still on time… (02:30 UTC on the 11th)
    // a second report of x's October is refused since #12 (one report per municipality and month)
    await env.rebuild({ now: () => new Date('2026-11-11T02:30:00Z') });
    await expect(env.sendReport(ax, { period: '2026-10' })).rejects.toThrow(/period_taken/);
    await env.rebuild({ now: () => NOW });
    await env.sendReport(ay, { period: '2026-10' });
    await env.sendReport(az, { period: '2026-11' });
  }

  it('GET /deadlines/status: each municipality of the regional for a month, missing and late first', async () => {
    await seed();
    const reg = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const res = await env.inject({ method: 'GET', url: '/api/v1/deadlines/status?period=2026-10', account: reg });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ period: '2026-10', dueDate: '2026-11-10', today: '2026-11-23', regional: 'Belo Horizonte' });
    expect(body.municipalities).toHaveLength(bh.length);
    const byCode = new Map(body.municipalities.map((m: { code: string; timing: string }) => [m.code, m.timing]));
    expect([byCode.get(x), byCode.get(y), byCode.get(z)]).toEqual(['on_time', 'late', 'missing']);
    const timings = body.municipalities.map((m: { timing: string }) => m.timing);
    expect(timings.slice(0, bh.length - 2).every((t: string) => t === 'missing')).toBe(true);
    expect(timings.slice(-2)).toEqual(['late', 'on_time']);
    // Default month: the one whose report was due most recently (October, on 23/11).
    expect((await env.inject({ method: 'GET', url: '/api/v1/deadlines/status', account: reg })).json().period).toBe('2026-10');
    expect((await env.inject({ method: 'GET', url: '/api/v1/deadlines/status?regional=Alfenas', account: reg })).statusCode).toBe(403);
    const ana = await env.account('ana', 'agent', { municipalityCode: x });
    expect((await env.inject({ method: 'GET', url: '/api/v1/deadlines/status', account: ana })).statusCode).toBe(403);
  });

  it('GET /panel/deadlines counts on time / late / missing / open per month and regional (hand-computed)', async () => {
    await seed();
    const reg = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const n = bh.length;
    const res = await env.inject({ method: 'GET', url: '/api/v1/panel/deadlines?from=2026-10&to=2026-11', account: reg });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      from: '2026-10', to: '2026-11', regional: 'Belo Horizonte', today: '2026-11-23',
      byMonth: [
        { period: '2026-10', dueDate: '2026-11-10', onTime: 1, late: 1, missing: n - 2, open: 0 },
        { period: '2026-11', dueDate: '2026-12-10', onTime: 1, late: 0, missing: 0, open: n - 1 },
      ],
      byRegional: [{ regional: 'Belo Horizonte', onTime: 2, late: 1, missing: n - 2, open: n - 1 }],
    });
    const cen = await env.account('cen', 'central');
    const state = (await env.inject({ method: 'GET', url: '/api/v1/panel/deadlines?from=2026-10&to=2026-11', account: cen })).json();
    expect(state.regional).toBeNull();
    expect(state.byRegional).toHaveLength(REGIONALS.length);
    expect(state.byMonth[0]).toEqual({ period: '2026-10', dueDate: '2026-11-10', onTime: 1, late: 1, missing: 853 - 2, open: 0 });
    expect(state.byRegional.find((r: { regional: string }) => r.regional === 'Belo Horizonte')).toEqual({ regional: 'Belo Horizonte', onTime: 2, late: 1, missing: n - 2, open: n - 1 });
    const other = state.byRegional.find((r: { regional: string }) => r.regional === 'Alfenas');
    const alfenas = municipalitiesOfRegional('Alfenas').length;
    expect(other).toEqual({ regional: 'Alfenas', onTime: 0, late: 0, missing: alfenas, open: alfenas });
  });
});
