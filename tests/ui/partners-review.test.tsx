// The reviewer's "Parceiros" (#16): paged list with accent-insensitive search, municipality filter
// and sector counts; sign-ups confirmed or refused; near-duplicates merged after a confirm step;
// the partner's page with its history; the Painel's distinct partners by sector; plain errors.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { municipalitiesOfRegional } from '../../src/domain/municipality';
import type { PartnerRecord } from '../../src/domain/partner-registry';
import type { Session } from '../../src/domain/session';
import { DbContext } from '../../src/ui/db-context';
import { PanelPartners } from '../../src/ui/review/PanelPartners';
import { PartnerPage } from '../../src/ui/review/PartnerPage';
import { createPartnersApi } from '../../src/ui/review/partners-api';
import ReviewHome from '../../src/ui/review/ReviewHome';
import { freshDb } from '../helpers/fresh-db';

const session: Session = {
  token: 'token-de-teste-1234567890', expiresAt: '2027-01-01T00:00:00.000Z',
  user: { id: 'u-urs', login: 'urs-bh', name: 'URS Belo Horizonte', role: 'regional', regional: 'Belo Horizonte' },
};
const [BH, OTHER] = municipalitiesOfRegional('Belo Horizonte').slice(0, 2);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const partner = (n: number, over: Partial<PartnerRecord> = {}): PartnerRecord => ({
  id: uuid(n), municipalityCode: BH.code, name: `Parceiro ${String(n).padStart(2, '0')}`, kind: 'pessoa_juridica', governmental: false,
  sector: 'saude', status: 'active', campaigns: true, source: 'agent', updatedAt: '2026-11-20T12:00:00.000Z', ...over,
});

let db: MobilizaDb;
beforeEach(() => { db = freshDb(); });
afterEach(() => { cleanup(); db.close(); });
const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;

type Handler = (method: string, path: string, body?: unknown) => Response | Promise<Response>;
function fakeFetch(handler: Handler) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${path}${typeof init?.body === 'string' ? ` ${init.body}` : ''}`);
    return handler(method, path, typeof init?.body === 'string' ? JSON.parse(init.body) : undefined);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
const apiOf = (fetch: typeof globalThis.fetch) => createPartnersApi({ fetch, baseUrl: 'http://servidor', token: session.token, onExpired: () => {} });
const error = (status: number, message: string) => Response.json({ error: { code: 'x', message } }, { status });

describe('Parceiros (regional unit)', () => {
  it('pages the list, searches without accents, filters by municipality and counts by sector', async () => {
    const list = [
      ...Array.from({ length: 30 }, (_, i) => partner(i + 1, { sector: i % 3 === 0 ? 'educacao' : 'saude' })),
      partner(40, { name: 'Escola Estadual São José', sector: 'educacao' }),
      partner(41, { name: 'Associação Sao Jose', municipalityCode: OTHER.code, sector: 'sociedade_civil' }),
    ];
    const { fetch, calls } = fakeFetch((_m, path) => path.startsWith('/partners/duplicates') ? Response.json({ pairs: [] }) : Response.json({ partners: list }));
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    await screen.findByRole('heading', { name: 'Parceiros da Saúde — Unidade Regional de Saúde de Belo Horizonte' });
    expect(screen.getByRole('link', { name: 'Parceiros' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(calls).toContain('GET /partners?regional=Belo+Horizonte'));
    await waitFor(() => expect(screen.getAllByTestId('partner-row')).toHaveLength(25));
    expect(screen.getByTestId('partner-summary').textContent).toContain('32 parceiros em 2 municípios');
    const sectors = within(screen.getByRole('table', { name: 'Parceiros por setor' }));
    expect(sectors.getByRole('row', { name: /Saúde/ }).textContent).toContain('20');
    expect(sectors.getByRole('row', { name: /Educação/ }).textContent).toContain('11');
    const towns = within(screen.getByRole('table', { name: 'Parceiros por município' }));
    expect(towns.getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([`${BH.name}31`, `${OTHER.name}1`]);
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais (7 restantes)' }));
    expect(screen.getAllByTestId('partner-row')).toHaveLength(32);
    expect(screen.queryByRole('button', { name: /Carregar mais/ })).toBeNull();

    fireEvent.input(screen.getByLabelText('Buscar por nome (sem acentos)'), { target: { value: 'SÃO josé' } });
    expect(screen.getAllByTestId('partner-row').map((r) => r.querySelector('.card-title')!.textContent)).toEqual(['Escola Estadual São José', 'Associação Sao Jose']);
    // a municipality of the table is a filter too
    fireEvent.click(towns.getByRole('button', { name: OTHER.name }));
    expect((screen.getByLabelText('Município') as HTMLSelectElement).value).toBe(OTHER.code);
    expect(screen.queryByRole('table', { name: 'Parceiros por município' })).toBeNull();
    expect(screen.getAllByTestId('partner-row').map((r) => r.querySelector('.card-title')!.textContent)).toEqual(['Associação Sao Jose']);
    fireEvent.input(screen.getByLabelText('Buscar por nome (sem acentos)'), { target: { value: 'hospital' } });
    expect(screen.getByText('Nenhum parceiro encontrado para “hospital”.')).toBeTruthy();
  });

  it('confirms a sign-up, and refuses another only after the confirm step', async () => {
    let list = [partner(1), partner(2, { name: 'Grupo de Teatro Raízes', status: 'pending', source: 'signup', phone: '31 99999-0000' }), partner(3, { name: 'Bar do Zé', status: 'pending', source: 'signup' })];
    const { fetch, calls } = fakeFetch((method, path) => {
      if (path.startsWith('/partners/duplicates')) return Response.json({ pairs: [] });
      const m = /^\/partners\/([^/]+)\/(confirm|reject)$/.exec(path);
      if (method === 'POST' && m) {
        const p = list.find((x) => x.id === m[1])!;
        list = list.map((x) => (x.id === p.id ? { ...x, status: m[2] === 'confirm' ? ('active' as const) : ('rejected' as const) } : x)).filter((x) => x.status !== 'rejected');
        return Response.json({ partner: { ...p, status: m[2] === 'confirm' ? 'active' : 'rejected' } });
      }
      return Response.json({ partners: list });
    });
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    await screen.findByText('Inscrições pelo site para confirmar (2)');
    const theatre = screen.getAllByTestId('signup-row').find((r) => r.textContent!.includes('Raízes'))!;
    expect(theatre.textContent).toContain('31 99999-0000');
    fireEvent.click(within(theatre).getByRole('button', { name: 'Confirmar' }));
    await screen.findByText('Inscrição de “Grupo de Teatro Raízes” confirmada.');
    expect(calls).toContain(`POST /partners/${uuid(2)}/confirm`);
    await screen.findByText('Inscrições pelo site para confirmar (1)');

    fireEvent.click(within(screen.getByTestId('signup-row')).getByRole('button', { name: 'Recusar' }));
    expect(calls.filter((c) => c.includes('/reject'))).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Sim, recusar' }));
    await screen.findByText('Inscrição de “Bar do Zé” recusada; os dados de contato foram apagados.');
    expect(calls).toContain(`POST /partners/${uuid(3)}/reject`);
    await screen.findByText('Nenhuma inscrição esperando confirmação.');
  });

  it('merges a near-duplicate only after "Confirmar junção", then one partner is left', async () => {
    let list = [partner(1, { name: 'Escola Estadual Padre Eustáquio', sector: 'educacao' }), partner(2, { name: 'E.E. Padre Eustaquio', sector: 'educacao' })];
    let pairs = [{ a: list[0], b: list[1] }];
    const { fetch, calls } = fakeFetch((method, path) => {
      if (path.startsWith('/partners/duplicates')) return Response.json({ pairs });
      if (method === 'POST') {
        list = [list[0]];
        pairs = [];
        return Response.json({ partner: list[0], mergedInto: list[0].id });
      }
      return Response.json({ partners: list });
    });
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    await screen.findByText('Possíveis duplicados (1)');
    expect(screen.getAllByTestId('partner-row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Manter “Escola Estadual Padre Eustáquio”' }));
    const ask = screen.getByRole('group', { name: 'Confirmar junção' });
    expect(ask.textContent).toContain('Juntar “E.E. Padre Eustaquio” em “Escola Estadual Padre Eustáquio”?');
    expect(calls.some((c) => c.startsWith('POST'))).toBe(false);
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('group', { name: 'Confirmar junção' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Manter “Escola Estadual Padre Eustáquio”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar junção' }));
    await screen.findByText('“E.E. Padre Eustaquio” agora faz parte de “Escola Estadual Padre Eustáquio”. O histórico de ações foi junto.');
    expect(calls).toContain(`POST /partners/${uuid(2)}/merge {"into":"${uuid(1)}"}`);
    await screen.findByText('Possíveis duplicados (0)');
    await waitFor(() => expect(screen.getAllByTestId('partner-row')).toHaveLength(1));
  });

  it('a pending sign-up cannot be the record that stays', async () => {
    const a = partner(1, { name: 'Creche Esperança' });
    const b = partner(2, { name: 'Creche Esperanca Feliz', status: 'pending' });
    const { fetch } = fakeFetch((_m, path) => (path.startsWith('/partners/duplicates') ? Response.json({ pairs: [{ a, b }] }) : Response.json({ partners: [a, b] })));
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    const pair = await screen.findByTestId('duplicate-pair');
    expect((within(pair).getByRole('button', { name: 'Manter “Creche Esperanca Feliz”' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(pair).getByRole('button', { name: 'Manter “Creche Esperança”' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('Failed to fetch')), 'Sem conexão com o servidor. Esta tela precisa de internet.'],
    ['403', () => error(403, 'Você só tem acesso aos parceiros da sua unidade regional.'), 'Você só tem acesso aos parceiros da sua unidade regional.'],
    ['5xx', () => new Response('oops', { status: 502 }), 'O servidor não respondeu como esperado. Tente de novo em alguns minutos.'],
  ])('says what went wrong in Portuguese (%s) and offers to try again', async (_name, answer, text) => {
    const { fetch, calls } = fakeFetch(() => answer() as Response);
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    expect(screen.getByText('Carregando…')).toBeTruthy();
    const alert = await screen.findByText(text, { exact: false, selector: '[role=alert]' });
    const before = calls.length;
    fireEvent.click(within(alert).getByRole('button', { name: 'Tentar de novo' }));
    await waitFor(() => expect(calls.length).toBeGreaterThan(before));
  });

  it('shows the refusal of a confirm (409) and keeps the sign-up listed', async () => {
    const p = partner(5, { name: 'Clube das Mães', status: 'pending' });
    const { fetch } = fakeFetch((method, path) => {
      if (method === 'POST') return error(409, 'Este parceiro não está mais nesta situação (atualize a lista).');
      return path.startsWith('/partners/duplicates') ? Response.json({ pairs: [] }) : Response.json({ partners: [p] });
    });
    render(withDb(<ReviewHome route={{ name: 'partners' }} session={session} fetch={fetch} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirmar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Este parceiro não está mais nesta situação (atualize a lista).');
    expect(screen.getAllByTestId('signup-row')).toHaveLength(1);
  });
});

describe('a partner\'s page and the Painel', () => {
  it('shows the record, contact data and the history of actions with links to the reports', async () => {
    const p = partner(7, { name: 'Escola Estadual São José', sector: 'educacao', email: 'escola@example.org' });
    const history = [
      { reportId: 'r-2', period: '2026-11', actionNumber: 2, date: '2026-11-12', title: 'Roda de conversa sobre dengue', type: 'roda_conversa', status: 'approved' },
      { reportId: 'r-1', period: '2026-10', actionNumber: 1, date: '2026-10-03', title: 'Blitz educativa', type: 'blitz', status: 'received' },
    ];
    const { fetch, calls } = fakeFetch(() => Response.json({ partner: p, history }));
    render(withDb(<PartnerPage api={apiOf(fetch)} session={session} partnerId={p.id} />));
    await screen.findByRole('heading', { name: 'Escola Estadual São José' });
    expect(calls).toEqual([`GET /partners/${p.id}`]);
    expect(screen.getByText('escola@example.org')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Ações com este parceiro (2)' })).toBeTruthy();
    const items = within(screen.getByTestId('partner-history')).getAllByRole('link');
    expect(items.map((a) => a.getAttribute('href'))).toEqual(['#/revisao/relatorio/r-2', '#/revisao/relatorio/r-1']);
    expect(items[0].textContent).toContain('12/11/2026 — Roda de conversa sobre dengue');
    expect(items[0].textContent).toContain('relatório de novembro de 2026');
  });

  it('says so when the partner has no action yet, and when it is not found', async () => {
    const { fetch } = fakeFetch(() => Response.json({ partner: partner(8, { status: 'pending' }), history: [] }));
    render(withDb(<PartnerPage api={apiOf(fetch)} session={session} partnerId={uuid(8)} />));
    await screen.findByText('Nenhuma ação registrada com este parceiro nos relatórios enviados.');
    expect(screen.getByRole('button', { name: 'Confirmar' })).toBeTruthy();
    cleanup();
    const missing = fakeFetch(() => error(404, 'Parceiro não encontrado.'));
    render(withDb(<PartnerPage api={apiOf(missing.fetch)} session={session} partnerId={uuid(9)} />));
    await screen.findByText('Parceiro não encontrado. Ele pode ter sido juntado a outro.');
  });

  it('the Painel counts distinct partners by sector for the period and unit', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({
      from: '2026-01', to: '2026-11', total: 9,
      bySector: [{ sector: 'educacao', partners: 6 }, { sector: 'saude', partners: 3 }],
      byMunicipality: [{ municipalityCode: BH.code, partners: 7, actions: 12 }, { municipalityCode: OTHER.code, partners: 2, actions: 2 }],
    }));
    render(withDb(<PanelPartners api={apiOf(fetch)} session={session} query={{ from: '2026-01', to: '2026-11', regional: 'Belo Horizonte' }} />));
    expect((await screen.findByTestId('panel-partners-total')).textContent).toContain('9 parceiros distintos em 2 municípios');
    expect(calls).toEqual(['GET /panel/partners?from=2026-01&to=2026-11&regional=Belo+Horizonte']);
    const chart = screen.getByRole('figure');
    expect(within(chart).getByRole('row', { name: /Educação/ }).textContent).toContain('6');
    expect(within(chart).getByRole('row', { name: /Saúde/ }).textContent).toContain('3');
  });
});

describe('the partners route', () => {
  it('#/parceiros and #/parceiros/<id> open the list and a partner', async () => {
    const { parseRoute, href } = await import('../../src/ui/hooks/use-route');
    expect(parseRoute(href.partners())).toEqual({ name: 'partners', partnerId: undefined });
    expect(parseRoute(href.partners(uuid(3)))).toEqual({ name: 'partners', partnerId: uuid(3) });
  });
});
