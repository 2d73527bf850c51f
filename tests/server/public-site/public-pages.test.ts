// The public site: only approved/consolidated figures, from the Painel's own aggregation, and never
// a name, phone, e-mail, login or free text from a report; the map's legend matches its colours.
import { describe, expect, it } from 'vitest';
import { PUBLIC_STATUSES } from '../../../server/public-site/routes.ts';
import { DRIVERS, NOW, submission, useEndpoint, type Account } from '../helpers.ts';

/** Values a report may carry that must never reach a public page. */
const PERSONAL = {
  responsibleName: 'Josefina Aparecida Quintanilha',
  responsibleRole: 'Coordenadora Xyzzy',
  phone: '(31) 98765-4321',
  email: 'josefina.quintanilha@exemplo.org',
  title: 'Roda com a família Wunderlich',
  place: 'Casa de Dona Filomena Trindade, Rua dos Inconfidentes 1234',
  partner: 'Mercearia do Seu Genésio Pimpão',
  description: 'Participou o Sr. Anacleto Bezerra, telefone 31 3222-7788, CPF 123.456.789-09.',
  notes: 'Observação interna: contato pessoal zeferino@exemplo.org',
};

/** The page without its stylesheet and map geometry (numbers there are not figures). */
const visible = (page: string) => page.replace(/<style>.*?<\/style>/gs, '').replace(/ d="[^"]*"/g, '');

describe.each(DRIVERS)('public pages on %s', (kind) => {
  const env = useEndpoint(kind);

  async function send(agent: Account, period: string, actions: { type: string; themes: string[]; participants: number }[]) {
    const photos: string[] = [];
    for (let i = 0; i < actions.length; i++) photos.push(await env.putPhoto(agent));
    const body = submission({ photos, municipalityCode: agent.user.municipalityCode, period });
    body.responsible = { name: PERSONAL.responsibleName, role: PERSONAL.responsibleRole, phone: PERSONAL.phone, email: PERSONAL.email };
    body.notes = PERSONAL.notes;
    body.actions.forEach((a: Record<string, any>, i: number) => Object.assign(a, actions[i], {
      title: PERSONAL.title, place: { description: PERSONAL.place, zone: 'urbana' },
      partners: [{ name: PERSONAL.partner, sector: 'comercio_economia' }], description: PERSONAL.description,
    }));
    const res = await env.putReport(agent, body);
    expect(res.statusCode, res.body).toBe(201);
    return body;
  }
  const review = async (who: Account, id: string, decision: string) => {
    const res = await env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account: who, json: { decision, comment: decision === 'return' ? 'Faltam fotos.' : undefined } });
    expect(res.statusCode, res.body).toBe(201);
  };

  async function seed() {
    const bh = await env.account('agente.josefina', 'agent', { municipalityCode: '3106200' });
    const betim = await env.account('agente.betim', 'agent', { municipalityCode: '3106705' });
    const jf = await env.account('agente.jf', 'agent', { municipalityCode: '3136702' });
    const ursBh = await env.account('urs.bh', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('central.sesmg', 'central');
    // October: BH approved (2 actions, 30 + 12), Betim consolidated (1 action, 7), JF received only (not public).
    const a = await send(bh, '2026-10', [
      { type: 'palestra', themes: ['arboviroses'], participants: 30 },
      { type: 'oficina', themes: ['cancer_mama', 'vacinacao'], participants: 12 },
    ]);
    await review(ursBh, a.id, 'approve');
    const b = await send(betim, '2026-10', [{ type: 'mutirao', themes: ['cancer_mama'], participants: 7 }]);
    await review(ursBh, b.id, 'approve');
    await review(central, b.id, 'consolidate');
    await send(jf, '2026-10', [{ type: 'teatro', themes: ['saude_bucal'], participants: 6789 }]);
    // September: BH returned (not public).
    const c = await send(bh, '2026-09', [{ type: 'palestra', themes: ['tabagismo'], participants: 4321 }]);
    await review(ursBh, c.id, 'return');
    return { central, bh, ursBh, approvedReport: a };
  }
  const get = (url: string) => env.inject({ method: 'GET', url });

  it('shows the approved and consolidated figures of the month, equal to the Painel aggregation', async () => {
    await seed();
    const res = await get('/publico/balanco/2026-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    const page = res.body;
    const kpis = [...page.matchAll(/<li><strong>([\d.]+)<\/strong>/g)].map((m) => Number(m[1].replace(/\./g, '')));
    // Hand count: 3 actions, 49 participants, 2 municipalities (JF's received report does not count).
    expect(kpis).toEqual([3, 49, 2]);
    const figures = await env.store.panel.figures({ from: '2026-10', to: '2026-10', now: NOW, statuses: PUBLIC_STATUSES });
    expect(kpis).toEqual([figures.totals.actions, figures.totals.participants, figures.totals.municipalitiesReporting]);
    expect(page).toContain('de 853 municípios com relatório aprovado');
    expect(page).toMatch(/Contam apenas os relatórios <strong>aprovados<\/strong>/);
    expect(page).toMatch(/Dados de \d{2}\/\d{2}\/\d{4}/);
    // by theme: cancer_mama 2 (Outubro Rosa is the month's campaign), arboviroses 1, vacinação 1
    expect(page).toMatch(/Câncer de mama \(Outubro Rosa\)<span[^>]*><\/span><\/th><td class="n">2</);
    expect(page).toContain('<strong>Outubro Rosa</strong>');
    expect(page).toMatch(/2 ações aprovadas com este tema/);
    expect(page).toMatch(/<th scope="row">Belo Horizonte<\/th><td class="n">3<\/td><td class="n">49<\/td><td class="n">2 de 39<\/td>/);
    expect(visible(page)).not.toMatch(/6\.?789/);
    expect(page).not.toContain('Saúde bucal');

    const year = (await get('/publico/balanco/2026')).body;
    const yearKpis = [...year.matchAll(/<li><strong>([\d.]+)<\/strong>/g)].map((m) => Number(m[1].replace(/\./g, '')));
    const yf = await env.store.panel.figures({ from: '2026-01', to: '2026-11', now: NOW, statuses: PUBLIC_STATUSES });
    expect(yearKpis).toEqual([yf.totals.actions, yf.totals.participants, yf.totals.municipalitiesReporting]);
    expect(yearKpis).toEqual([3, 49, 2]);
    expect(visible(year)).not.toMatch(/4\.?321/);
  });

  it('never shows a name, phone, e-mail, login or free text from a report', async () => {
    const { central, approvedReport } = await seed();
    // A published highlight is part of the public side too (its text is the central's own).
    const res = await env.inject({ method: 'POST', url: '/api/v1/highlights', account: central, json: {
      reportId: approvedReport.id, actionId: approvedReport.actions[0].id, title: 'Palestra sobre o Aedes na escola',
      text: 'Estudantes aprenderam a eliminar criadouros do mosquito em casa e na escola.', photos: [], imageConsent: false,
    } });
    expect(res.statusCode, res.body).toBe(201);
    const pages = ['/publico', '/publico/balanco/2026-10', '/publico/balanco/2026-09', '/publico/balanco/2026',
      '/publico/balanco/2026-10?medida=relatorios', '/publico/destaques', '/publico/campanhas'];
    const logins = ['agente.josefina', 'agente.betim', 'urs.bh', 'central.sesmg', 'Conta agente'];
    let joined = '';
    for (const url of pages) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      joined += r.body;
    }
    expect(joined).toContain('Palestra sobre o Aedes na escola');
    for (const value of [...Object.values(PERSONAL), ...logins, '98765', 'exemplo.org', 'Wunderlich', 'Filomena', 'Genésio', 'Anacleto']) {
      expect(joined.includes(value), value).toBe(false);
    }
    expect(joined).not.toMatch(/[\w.]+@[\w.]+\.\w+/);
    expect(joined).not.toMatch(/\(\d{2}\)\s?\d{4,5}-\d{4}/);
  });

  it('colours the map as its legend says, one path per municipality', async () => {
    await seed();
    for (const url of ['/publico/balanco/2026-10', '/publico/balanco/2026-10?medida=relatorios']) {
      const page = (await get(url)).body;
      const colours = new Map([...page.matchAll(/#mapa-mg \.c(\d+)\{fill:(#[0-9a-f]{6})\}/g)].map((m) => [m[1], m[2]]));
      const legend = [...page.matchAll(/<li data-class="(\d+)" data-min="(\d+)" data-max="(\d+)"><span class="sw" style="background:(#[0-9a-f]{6})"><\/span>/g)]
        .map((m) => ({ cls: m[1], min: Number(m[2]), max: Number(m[3]), colour: m[4] }));
      expect(legend.length).toBeGreaterThanOrEqual(2);
      for (const l of legend) expect(colours.get(l.cls), url).toBe(l.colour);
      const paths = [...page.matchAll(/<path class="c(\d+)" data-c="(\d{7})" d="[^"]+"><title>([^<]+)<\/title>/g)];
      expect(paths).toHaveLength(853);
      const measured = url.includes('relatorios')
        ? (t: string) => (t.includes('sem relatório aprovado') ? 0 : 1)
        : (t: string) => Number(/: (\d+) aç/.exec(t)![1]);
      for (const [, cls, , title] of paths) {
        const l = legend.find((x) => x.cls === cls)!;
        const v = measured(title);
        expect(v >= l.min && v <= l.max, `${title} in class ${cls}`).toBe(true);
      }
      const bh = paths.find((p) => p[2] === '3106200')!;
      expect(bh[3]).toBe(url.includes('relatorios') ? 'Belo Horizonte: 2 ações, 42 participantes; relatório aprovado' : 'Belo Horizonte: 2 ações, 42 participantes; relatório aprovado');
      expect(page).toMatch(/<th scope="row">Belo Horizonte<\/th><td>Belo Horizonte<\/td><td class="n">2<\/td><td class="n">42<\/td>/);
    }
  });

  it('answers in Portuguese for a period with no balance, and compresses pages', async () => {
    const future = await get('/publico/balanco/2027-05');
    expect(future.statusCode).toBe(404);
    expect(future.body).toContain('Ainda não há balanço para este período.');
    expect((await get('/publico/balanco/maio')).statusCode).toBe(404);
    const br = await env.inject({ method: 'GET', url: '/publico', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(80 * 1024);
    const cal = (await get('/publico/campanhas')).body.split('<main')[1];
    // NOW is in November: Novembro Azul first, then December's campaigns.
    expect(cal.indexOf('Novembro Azul')).toBeGreaterThan(0);
    expect(cal.indexOf('Novembro Azul')).toBeLessThan(cal.indexOf('Dezembro Vermelho'));
    expect(cal.indexOf('Dezembro Vermelho')).toBeLessThan(cal.indexOf('Janeiro Branco'));
  });
});
