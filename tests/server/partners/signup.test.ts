// "Seja um Parceiro da Saúde" (#16): the public form against hostile input, the pending → confirmed
// path by the municipality's agent or its regional unit, and central's CSV of campaign partners.
import { describe, expect, it } from 'vitest';
import { DRIVERS, submission, useEndpoint, type Account } from '../helpers.ts';
import { auditOf } from '../store-helpers.ts';

const BH = '3106200';
const JF = '3136702';
const FORM = 'application/x-www-form-urlencoded';

const fields = (over: Record<string, string> = {}) => ({
  nome: 'Grupo de Teatro Vila Nova', tipo: 'grupo_informal', governamental: 'nao', setor: 'cultura', municipio: BH,
  telefone: '(31) 98888-7777', email: 'teatro@example.org', rede_social: '@teatrovila', campanhas: 'sim', consentimento: 'sim', site: '', ...over,
});

describe.each(DRIVERS)('public partner sign-up on %s', (kind) => {
  const env = useEndpoint(kind);
  const post = (form: Record<string, string> | string, ip = '203.0.113.7') =>
    env.inject({ method: 'POST', url: '/publico/parceiros', remoteAddress: ip, headers: { 'content-type': FORM }, payload: typeof form === 'string' ? form : new URLSearchParams(form).toString() });
  const stored = async () => (await env.store.driver.query<{ name: string; status: string; email: string | null }>('SELECT name, status, email FROM partners ORDER BY created_at')).rows;

  it('shows the form, linked from the public navigation, with the LGPD purpose and a honeypot, and no script', async () => {
    const home = await env.inject({ method: 'GET', url: '/publico' });
    expect(home.body).toContain('href="/publico/parceiros"');
    const res = await env.inject({ method: 'GET', url: '/publico/parceiros' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Seja um Parceiro da Saúde');
    expect(res.body).toContain('Lei Geral de Proteção de Dados');
    expect(res.body).toMatch(/class="hp"[^>]*aria-hidden="true"/);
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain('<option value="3106200">Belo Horizonte</option>');
  });

  it('stores a sign-up as pending and answers with a confirmation page that shows no personal data', async () => {
    const res = await post(fields());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/publico/parceiros/obrigado');
    const thanks = await env.inject({ method: 'GET', url: res.headers.location as string });
    expect(thanks.body).toContain('Inscrição recebida');
    expect(thanks.body).not.toMatch(/Teatro Vila Nova|teatro@example|98888/);
    const rows = await env.store.driver.query<{ status: string; source: string; consent_at: Date; consent_purpose: string; campaigns: boolean }>('SELECT status, source, consent_at, consent_purpose, campaigns FROM partners');
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ status: 'pending', source: 'signup', campaigns: true });
    expect(rows.rows[0].consent_purpose).toContain('Lei Geral de Proteção de Dados');
  });

  it('refuses hostile input: HTML and scripts, 10,000-character fields, missing consent, repeated fields, JSON, a filled honeypot', async () => {
    const html = await post(fields({ nome: '<script>alert(1)</script>Grupo', rede_social: '<a href="javascript:alert(1)">x</a>' }));
    expect(html.statusCode).toBe(422);
    expect(html.body).not.toContain('<script>alert');
    expect(html.body).not.toContain('href="javascript:');
    expect(html.body).toContain('não use os caracteres &lt; e &gt;');
    const long = await post(fields({ nome: 'a'.repeat(10_000) }));
    expect(long.statusCode).toBe(413);
    const longish = await post(fields({ nome: 'a'.repeat(201) }));
    expect(longish.statusCode).toBe(422);
    expect(longish.body).toContain('no máximo 200 caracteres');
    const noConsent = await post(fields({ consentimento: '' }));
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.body).toContain('concordar com o uso dos dados');
    // the visitor's own input comes back escaped, so nothing needs typing again
    expect(noConsent.body).toContain('value="Grupo de Teatro Vila Nova"');
    expect((await post(`${new URLSearchParams(fields()).toString()}&nome=outro`)).statusCode).toBe(400);
    expect((await post(fields({ municipio: '9999999' }))).statusCode).toBe(422);
    const json = await env.inject({ method: 'POST', url: '/publico/parceiros', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(fields()) });
    expect(json.statusCode).toBe(415);
    const bot = await post(fields({ site: 'http://spam.example' }));
    expect(bot.statusCode).toBe(303);
    expect(await stored()).toEqual([]);
  });

  it('takes 100 submissions a minute from one address as 5 and refuses the rest with 429; another address still signs up', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 100; i++) codes.push((await post(fields({ nome: `Parceiro número ${i}` }))).statusCode);
    expect(codes.filter((c) => c === 303)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(95);
    const limited = await post(fields({ nome: 'Mais um' }));
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect((await post(fields({ nome: 'De outro endereço' }), '198.51.100.9')).statusCode).toBe(303);
    expect(await stored()).toHaveLength(6);
  });

  async function signedUp(): Promise<string> {
    expect((await post(fields())).statusCode).toBe(303);
    return (await env.store.driver.query<{ id: string }>(`SELECT id FROM partners WHERE source = 'signup'`)).rows[0].id;
  }

  it('is confirmed by the municipality\'s agent (not another town\'s), then listed as active', async () => {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: BH });
    const other = await env.account('ag-jf', 'agent', { municipalityCode: JF });
    const ursJf = await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' });
    const id = await signedUp();
    const pending = (await env.inject({ method: 'GET', url: `/api/v1/partners?municipality=${BH}`, account: agent })).json().partners;
    expect(pending).toMatchObject([{ id, status: 'pending', email: 'teatro@example.org' }]);
    const confirm = (who: Account) => env.inject({ method: 'POST', url: `/api/v1/partners/${id}/confirm`, account: who });
    expect((await confirm(other)).statusCode).toBe(403);
    expect((await confirm(ursJf)).statusCode).toBe(403);
    const ok = await confirm(agent);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().partner).toMatchObject({ id, status: 'active' });
    expect((await confirm(agent)).statusCode).toBe(409);
    expect((await auditOf(env.store, 'partner', id)).map((a) => a.action)).toEqual(['partner.signed_up', 'partner.confirmed']);
  });

  it('folds a confirmed sign-up into the partner the municipality already has; a rejected one loses its contact data', async () => {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: BH });
    const urs = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const photo = await env.putPhoto(agent);
    const body = submission({ photos: [photo], municipalityCode: BH });
    const existing = { id: crypto.randomUUID(), name: 'Grupo de Teatro Vila Nova', kind: 'grupo_informal', governmental: false, sector: 'cultura', campaigns: false };
    body.actions[0].partners = [{ name: existing.name, sector: 'cultura', partnerId: existing.id }];
    body.partners = [existing];
    expect((await env.putReport(agent, body)).statusCode).toBe(201);
    const id = await signedUp();
    const ok = await env.inject({ method: 'POST', url: `/api/v1/partners/${id}/confirm`, account: urs });
    expect(ok.json()).toMatchObject({ mergedInto: existing.id, partner: { id: existing.id, email: 'teatro@example.org', campaigns: true } });

    expect((await post(fields({ nome: 'Spam Ltda', email: 'spam@example.org' }), '198.51.100.2')).statusCode).toBe(303);
    const spam = (await env.store.driver.query<{ id: string }>(`SELECT id FROM partners WHERE name = 'Spam Ltda'`)).rows[0].id;
    expect((await env.inject({ method: 'POST', url: `/api/v1/partners/${spam}/reject`, account: agent })).statusCode).toBe(200);
    expect((await env.store.driver.query(`SELECT email, phone, social FROM partners WHERE id = $1`, [spam])).rows).toEqual([{ email: null, phone: null, social: null }]);
  });

  it('exports to central only the active partners who agreed to receive campaigns, as a streamed CSV', async () => {
    const central = await env.account('central', 'central');
    const urs = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: BH });
    const id = await signedUp();
    expect((await post(fields({ nome: 'Sem campanhas', campanhas: '' }), '198.51.100.3')).statusCode).toBe(303);
    expect((await post(fields({ nome: 'Ainda pendente' }), '198.51.100.4')).statusCode).toBe(303);
    const noCampaigns = (await env.store.driver.query<{ id: string }>(`SELECT id FROM partners WHERE name = 'Sem campanhas'`)).rows[0].id;
    for (const p of [id, noCampaigns]) await env.inject({ method: 'POST', url: `/api/v1/partners/${p}/confirm`, account: agent });
    for (const who of [urs, agent]) expect((await env.inject({ method: 'GET', url: '/api/v1/exports/partners.csv', account: who })).statusCode).toBe(403);
    const csv = await env.inject({ method: 'GET', url: '/api/v1/exports/partners.csv', account: central });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Nome;Tipo;Governamental;Setor');
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toContain('Grupo de Teatro Vila Nova;Grupo informal;Não;Cultura;3106200;Belo Horizonte');
    expect(lines[1]).toContain('teatro@example.org');
  });
});
