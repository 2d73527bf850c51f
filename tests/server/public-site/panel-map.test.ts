// The map inside the reviewers' Painel: same renderer, the Painel's range and scope, coloured by
// actions or by a month's report status, each municipality linking to its report.
import { describe, expect, it } from 'vitest';
import { DRIVERS, useEndpoint } from '../helpers.ts';

describe.each(DRIVERS)('Painel map on %s', (kind) => {
  const env = useEndpoint(kind);

  async function seed() {
    const bh = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const betim = await env.account('ag-betim', 'agent', { municipalityCode: '3106705' });
    const jf = await env.account('ag-jf', 'agent', { municipalityCode: '3136702' });
    const urs = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('central', 'central');
    const a = await env.sendReport(bh, { n: 2, period: '2026-11' });
    const b = await env.sendReport(betim, { n: 1, period: '2026-11' });
    await env.sendReport(jf, { n: 1, period: '2026-11' });
    const r = await env.inject({ method: 'POST', url: `/api/v1/reports/${b.body.id}/reviews`, account: urs, json: { decision: 'return', comment: 'Faltam fotos.' } });
    expect(r.statusCode).toBe(201);
    return { bh, urs, central, a, b };
  }
  const map = (account: Parameters<typeof env.inject>[0]['account'], q: string) =>
    env.inject({ method: 'GET', url: `/api/v1/panel/map?${q}`, account });
  const paths = (html: string) => [...html.matchAll(/<path class="c(\d+)" data-c="(\d{7})" d="[^"]+"><title>([^<]+)<\/title>/g)];

  it('shows a regional unit only its own municipalities, by report status, linked to the report', async () => {
    const s = await seed();
    const res = await map(s.urs, 'from=2026-11&to=2026-11&medida=situacao');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const p = paths(res.body);
    expect(p).toHaveLength(39);
    expect(p.find((x) => x[2] === '3136702')).toBeUndefined();
    const title = (code: string) => p.find((x) => x[2] === code)![3];
    expect(title('3106200')).toBe('Belo Horizonte: relatório recebido (aguarda análise)');
    expect(title('3106705')).toBe('Betim: relatório devolvido para correção');
    expect(title('3118601')).toBe('Contagem: relatório não enviado');
    expect(res.body).toContain(`<a href="#/revisao/relatorio/${s.a.body.id}"><path class="c1" data-c="3106200"`);
    expect(res.body).not.toMatch(/<a href="[^"]*"><path class="c\d" data-c="3118601"/);
    expect(res.body).toContain('aprovado</li>');
  });

  it('colours the state by actions for central and keeps scope rules', async () => {
    const s = await seed();
    const res = await map(s.central, 'from=2026-11&to=2026-11');
    const p = paths(res.body);
    expect(p).toHaveLength(853);
    expect(p.find((x) => x[2] === '3106200')![3]).toBe('Belo Horizonte: 2 ações, 81 participantes');
    // Betim's report was returned: its actions do not count.
    expect(p.find((x) => x[2] === '3106705')![3]).toBe('Betim: 0 ações, 0 participantes');
    expect((await map(s.urs, 'regional=Juiz%20de%20Fora')).statusCode).toBe(403);
    expect((await map(s.bh, '')).statusCode).toBe(403);
    expect((await map(s.central, 'medida=outra')).statusCode).toBe(400);
    expect((await map(s.central, 'from=2026-10&to=2026-11&medida=situacao&mes=2026-05')).statusCode).toBe(400);
  });
});
