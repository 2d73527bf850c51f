import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { createReport } from '../../src/db/reports';
import { getSession } from '../../src/db/session';
import { putSetting, saveProfile } from '../../src/db/settings';
import type { PanelResponse, ReportDetail } from '../../src/domain/api';
import type { Session } from '../../src/domain/session';
import { DbContext } from '../../src/ui/db-context';
import { createReviewApi } from '../../src/ui/review/review-api';
import Panel from '../../src/ui/review/Panel';
import PrintReport from '../../src/ui/screens/PrintReport';
import ReviewHome from '../../src/ui/review/ReviewHome';
import ReviewReport from '../../src/ui/review/ReviewReport';
import { photoRecord, validSubmission } from '../helpers/fixtures';
import { allMunicipalities, municipalitiesOfRegional } from '../../src/domain/municipality';
import { freshDb } from '../helpers/fresh-db';

const XSS = '<img src=x onerror=alert(1)>';
const REPORT_ID = '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e5f';

let db: MobilizaDb;
const session: Session = {
  token: 'token-de-teste-1234567890',
  expiresAt: '2027-01-01T00:00:00.000Z',
  user: { id: 'u-urs', login: 'urs-bh', name: 'URS Belo Horizonte', role: 'regional', regional: 'Belo Horizonte' },
};

beforeEach(async () => {
  db = freshDb();
  await putSetting(db, 'session', session);
  URL.createObjectURL = vi.fn(() => `blob:fake/${Math.random()}`);
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  db.close();
});

const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;

function detail(over: Partial<ReportDetail> = {}): ReportDetail {
  const s = validSubmission(2, '2026-11');
  s.actions[0].title = XSS;
  s.actions[0].description = `Descrição com ${XSS}`;
  s.actions[0].photos[0] = { ...s.actions[0].photos[0], caption: 'Turma do 5º ano', lat: -19.9191, lon: -43.9386 };
  return {
    report: s, revision: 1, protocol: 'MG-2026-11-3106200-0001', status: 'received', receivedAt: '2026-11-20T12:00:00.000Z',
    municipality: { code: '3106200', name: 'Belo Horizonte', regional: 'Belo Horizonte' }, reviews: [], ...over,
  };
}

type Handler = (method: string, path: string, body?: unknown) => Response | Promise<Response>;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeFetch(handler: Handler) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body });
    expect((init?.headers as Record<string, string>).authorization).toBe(`Bearer ${session.token}`);
    if (path.startsWith('/photos/')) return new Response(new Uint8Array([0xff, 0xd8, 0xff]), { headers: { 'content-type': 'image/jpeg' } });
    return handler(method, path, body);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const apiFor = (fetch: typeof globalThis.fetch) =>
  createReviewApi({ fetch, baseUrl: 'http://servidor', token: session.token, onExpired: () => void 0 });

describe('review screen', () => {
  it('shows every action with numbered photos, a map link, and agents\' text as text', async () => {
    const { fetch } = fakeFetch(() => json(200, detail()));
    const view = render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(fetch)} />));
    await screen.findByRole('heading', { name: 'Belo Horizonte — novembro de 2026' });
    expect(screen.getByRole('heading', { name: `Ação 1 — ${XSS}` })).toBeTruthy();
    expect(screen.getByText(`Descrição com ${XSS}`)).toBeTruthy();
    // No element was created from the agent's text: the only images are the photos (blob: URLs).
    await waitFor(() => expect(view.container.querySelectorAll('img')).toHaveLength(2));
    for (const img of view.container.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(view.container.querySelector('[onerror]')).toBeNull();
    expect(screen.getByText('Foto 1.1')).toBeTruthy();
    expect(screen.getByText('Foto 2.1')).toBeTruthy();
    const map = screen.getByRole('link', { name: 'Ver no mapa' });
    expect(map.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=-19.919100&mlon=-43.938600#map=17/-19.919100/-43.938600');
    expect(screen.getAllByRole('link', { name: 'Ver no mapa' })).toHaveLength(1);

    // Tap to enlarge; Esc closes and focus returns to the photo.
    const open = screen.getByRole('button', { name: 'Ampliar Foto 1.1' });
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Foto 1.1' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Fechar' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(open);
  });

  it('"Devolver para correção" needs a comment, sends the chosen actions, and shows who decided', async () => {
    let current = detail();
    const { fetch, calls } = fakeFetch((method, _path, body) => {
      if (method === 'POST') {
        const review = { ...(body as object), by: { login: 'urs-bh', name: 'Maria da URS', role: 'regional' }, at: '2026-11-21T13:30:00.000Z', revision: 1 };
        current = detail({ status: 'returned', reviews: [review as ReportDetail['reviews'][number]] });
        return json(201, { review, status: 'returned' });
      }
      return json(200, current);
    });
    render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(fetch)} />));
    const send = await screen.findByRole('button', { name: 'Devolver para correção' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    expect((await screen.findByRole('alert')).textContent).toBe('Escreva no comentário o que o município precisa corrigir.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    fireEvent.input(screen.getByLabelText('Comentário para o município (obrigatório)'), { target: { value: `Corrigir a data. ${XSS}` } });
    fireEvent.click(screen.getByLabelText('Ação 2'));
    fireEvent.click(send);
    await screen.findByText(/O município verá a decisão/);
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST', path: `/reports/${REPORT_ID}/reviews`, body: { decision: 'return', revision: 1, comment: `Corrigir a data. ${XSS}`, actionNumbers: [2] },
    });
    const history = await screen.findByRole('region', { name: 'Histórico de revisão' });
    await waitFor(() => expect(history.textContent).toContain('Devolvido para correção por Maria da URS em 21/11/2026'));
    expect(history.textContent).toContain(`Corrigir a data. ${XSS}`);
    expect(screen.getByText('Devolvido ao município: aguardando uma nova revisão.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Aprovar/ })).toBeNull();
  });

  it('"Aprovar e encaminhar ao nível central" posts the current revision; a refusal shows the server\'s message', async () => {
    let refuse = true;
    const { fetch, calls } = fakeFetch((method) => {
      if (method === 'POST' && refuse) return json(409, { error: { code: 'revision_conflict', message: 'O município enviou uma nova revisão (2).' } });
      if (method === 'POST') return json(201, { review: { decision: 'approve', by: { login: 'u', name: 'U', role: 'regional' }, at: '2026-11-21T13:30:00.000Z', revision: 1 }, status: 'approved' });
      return json(200, detail());
    });
    render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(fetch)} />));
    const approve = await screen.findByRole('button', { name: 'Aprovar e encaminhar ao nível central' });
    await waitFor(() => expect((approve as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(approve);
    expect((await screen.findByRole('alert')).textContent).toBe('O município enviou uma nova revisão (2).');
    refuse = false;
    fireEvent.click(approve);
    await screen.findByText(/Aprovado e encaminhado ao nível central\. O município/);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { decision: 'approve', revision: 1 }, { decision: 'approve', revision: 1 },
    ]);
  });

  it('offline: keeps showing the last data with its time; a 401 marks the session expired', async () => {
    const ok = fakeFetch(() => json(200, detail()));
    const first = render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(ok.fetch)} />));
    await screen.findByRole('heading', { name: 'Belo Horizonte — novembro de 2026' });
    await waitFor(async () => expect(await db.settings.get(`cache:u-urs:report:${REPORT_ID}`)).toBeTruthy());
    first.unmount();

    const offline = vi.fn(async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    const second = render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(offline)} />));
    await screen.findByText(/^Sem conexão — mostrando dados de \d\d\/\d\d \d\d:\d\d$/);
    expect(screen.getByRole('heading', { name: 'Belo Horizonte — novembro de 2026' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Aprovar e encaminhar ao nível central' }) as HTMLButtonElement).disabled).toBe(true);
    second.unmount();

    const expired = fakeFetch(() => json(401, { error: { code: 'unauthenticated', message: 'Sessão expirada.' } }));
    const api = createReviewApi({ fetch: expired.fetch, baseUrl: '', token: session.token, onExpired: () => void putSetting(db, 'session', { ...session, expired: true }) });
    render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={api} />));
    expect((await screen.findByRole('link', { name: 'Entre de novo' })).getAttribute('href')).toBe('#/entrar');
    await waitFor(async () => expect((await getSession(db))?.expired).toBe(true));
  });
});

describe('received reports', () => {
  const summary = (id: string, municipalityCode: string, status: string, lastReview: unknown = null) => ({
    id, municipalityCode, period: '2026-11', revision: 1, protocol: `MG-2026-11-${municipalityCode}-0001`, status,
    receivedAt: '2026-11-20T12:00:00.000Z', actionCount: 2, photoCount: 3, lastReview,
  });
  const deadlines = (sent: string[], of = municipalitiesOfRegional('Belo Horizonte')) => json(200, {
    period: '2026-11', dueDate: '2026-12-10', today: '2026-11-25', regional: null,
    municipalities: of.map((m) => ({ code: m.code, name: m.name, regional: m.regional, timing: sent.includes(m.code) ? 'on_time' : 'open', firstReceivedAt: sent.includes(m.code) ? '2026-11-20T12:00:00.000Z' : null })),
  });

  it('lists the unit\'s reports with status and who decided, and the municipalities that have not sent', async () => {
    const { fetch, calls } = fakeFetch((_m, path) => path.startsWith('/deadlines/') ? deadlines(['3106200', '3106705']) : json(200, { reports: [
      summary('a', '3106200', 'approved', { decision: 'approve', by: { login: 'm', name: 'Maria da URS', role: 'regional' }, at: '2026-11-21T13:30:00.000Z', revision: 1 }),
      summary('b', '3106705', 'received'),
    ], nextCursor: null, counts: { received: 1, returned: 0, approved: 1, consolidated: 0 } }));
    render(withDb(<ReviewHome route={{ name: 'review', period: '2026-11' }} session={session} fetch={fetch} />));
    const items = await screen.findAllByRole('listitem');
    const cards = items.filter((li) => li.classList.contains('card'));
    expect(cards.map((li) => li.querySelector('.card-title')?.textContent)).toEqual(['Belo Horizonte', 'Betim']);
    expect(cards[0].textContent).toContain('Aprovado e encaminhado ao nível central por Maria da URS em 21/11/2026');
    expect(cards[1].querySelector('a')?.getAttribute('href')).toBe('#/revisao/relatorio/b');
    expect(await screen.findByText('Ainda não enviaram (37)')).toBeTruthy();
    expect(screen.getByText('Brumadinho')).toBeTruthy();
    expect(screen.queryByText('Betim', { selector: '.names li' })).toBeNull();
    expect(screen.getByText(/2 de 39 municípios enviaram · 1 aguardando revisão · 0 devolvidos · 1 aprovado\b/)).toBeTruthy();
    expect(screen.getByTestId('loaded-count').textContent).toBe('2 relatórios — todos carregados');
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).toBeNull();
    expect(screen.getByTestId('updated-at').textContent).toMatch(/^Atualizado às \d\d:\d\d$/);
    expect(calls[0].path).toBe('/reports?period=2026-11&regional=Belo+Horizonte&limit=100');
    expect(screen.getByRole('link', { name: 'Relatórios recebidos' }).getAttribute('aria-current')).toBe('page');
  });

  it('pages with "Carregar mais" (keyset cursor), keeps the filters, says how many are loaded, and has an empty state (#11)', async () => {
    const central: Session = { ...session, user: { id: 'u-c', login: 'ses', name: 'SES', role: 'central' } };
    const all = allMunicipalities().slice(0, 150).map((m, i) => summary(`r${i}`, m.code, i % 3 ? 'received' : 'returned'));
    const counts = { received: 100, returned: 50, approved: 0, consolidated: 0 };
    const { fetch, calls } = fakeFetch((_m, path) => {
      if (path.startsWith('/deadlines/')) return deadlines(all.map((r) => r.municipalityCode), allMunicipalities());
      if (path.startsWith('/duplicates')) return json(200, { duplicates: [], next: null });
      const q = new URLSearchParams(path.split('?')[1]);
      if (q.get('status') === 'approved') return json(200, { reports: [], nextCursor: null, counts });
      const from = Number(q.get('cursor') ?? 0);
      const rows = all.slice(from, from + Number(q.get('limit')));
      const next = from + rows.length < all.length ? String(from + rows.length) : null;
      return json(200, { reports: rows, nextCursor: next, ...(q.get('cursor') ? {} : { counts }) });
    });
    const view = render(withDb(<ReviewHome route={{ name: 'review', period: '2026-11' }} session={central} fetch={fetch} />));
    await screen.findByText('Mostrando 100 de 150 relatórios');
    expect(view.container.querySelectorAll('.card')).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    await screen.findByText('150 relatórios — todos carregados');
    expect(view.container.querySelectorAll('.card')).toHaveLength(150);
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).toBeNull();
    const pages = calls.filter((c) => c.path.startsWith('/reports')).map((c) => c.path);
    expect(pages).toEqual(['/reports?period=2026-11&limit=100', '/reports?period=2026-11&limit=100&cursor=100']);
    expect(screen.getByText(/^150 de 853 municípios enviaram · 100 aguardando revisão · 50 devolvidos/)).toBeTruthy();

    // The status filter goes into the address (kept on reload and on "‹ Relatórios recebidos").
    fireEvent.change(screen.getByLabelText('Situação'), { target: { value: 'approved' } });
    expect(location.hash).toBe('#/revisao?mes=2026-11&situacao=approved');
    view.unmount();
    render(withDb(<ReviewHome route={{ name: 'review', period: '2026-11', status: 'approved' }} session={central} fetch={fetch} />));
    await screen.findByText('Nenhum relatório com a situação “Aprovado e encaminhado ao nível central” em novembro de 2026.');
    expect(calls.some((c) => c.path === '/reports?period=2026-11&status=approved&limit=100')).toBe(true);
    expect((screen.getByLabelText('Situação') as HTMLSelectElement).value).toBe('approved');
  });
});

describe('live reviewer screens (#12)', () => {
  // jsdom's document is hidden ("prerender"); these screens refresh only while visible.
  beforeEach(() => void Object.defineProperty(document, 'hidden', { configurable: true, get: () => false }));
  afterEach(() => {
    vi.useRealTimers();
    delete (document as { hidden?: boolean }).hidden;
  });

  it('refresh quietly on focus with If-None-Match; a 304 changes nothing; a new revision replaces "aguardando" without reload', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let current = detail({ status: 'returned', reviews: [{ decision: 'return', comment: 'Corrija.', actionNumbers: [1], by: { login: 'urs-bh', name: 'Maria', role: 'regional' }, at: '2026-11-21T13:30:00.000Z', revision: 1 }] });
    let etag = 'W/"v1"';
    const { fetch, calls } = fakeFetch(() => json(200, current));
    const headersOf: (string | undefined)[] = [];
    const tagged = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const asked = (init?.headers as Record<string, string>)['if-none-match'];
      headersOf.push(asked);
      if (String(input).includes('/photos/')) return fetch(input, init);
      if (asked === etag) return new Response(null, { status: 304, headers: { etag } });
      const res = await fetch(input, init);
      return new Response(await res.text(), { status: 200, headers: { etag, 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(tagged)} />));
    await screen.findByText('Devolvido ao município: aguardando uma nova revisão.');
    const heading = screen.getByRole('heading', { name: 'Belo Horizonte — novembro de 2026' });
    const wake = () => {
      vi.setSystemTime(Date.now() + 3_000);
      window.dispatchEvent(new Event('focus'));
    };
    wake();
    await waitFor(() => expect(headersOf.at(-1)).toBe('W/"v1"'));
    await new Promise((r) => setTimeout(r, 100)); // the 304 is handled
    expect(screen.getByRole('heading', { name: 'Belo Horizonte — novembro de 2026' })).toBe(heading);
    expect(screen.queryByText('Carregando…')).toBeNull();
    expect(screen.queryByTestId('new-revision')).toBeNull();

    // The municipality sends revision 2: the next refresh shows it, with the decision buttons.
    current = detail({ revision: 2, status: 'received', reviews: current.reviews });
    etag = 'W/"v2"';
    const before = calls.length;
    wake();
    await screen.findByTestId('new-revision');
    expect(calls.length).toBe(before + 1);
    expect(screen.getByTestId('new-revision').textContent).toContain('Chegou a revisão 2');
    expect(screen.queryByText('Devolvido ao município: aguardando uma nova revisão.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Aprovar e encaminhar ao nível central' })).toBeTruthy();
    expect(screen.getByText(/^2, recebida em/)).toBeTruthy();
    // A second wake within 2 s (focus and visibility together) asks once.
    const asked = headersOf.length;
    window.dispatchEvent(new Event('focus'));
    await new Promise((r) => setTimeout(r, 50));
    expect(headersOf.length).toBe(asked);
  });
});

describe('Painel', () => {
  it('shows the figures, coverage, labelled bars and the multi-theme note', async () => {
    const panel: PanelResponse = {
      from: '2026-09', to: '2026-11', regional: 'Belo Horizonte', generatedAt: '2026-11-23T12:00:00.000Z',
      totals: { actions: 5, participants: 1193, reports: 4, reportsApproved: 2, municipalities: 39, municipalitiesReporting: 2 },
      reportsByStatus: { received: 1, returned: 1, approved: 1, consolidated: 1 },
      byTheme: [{ key: 'arboviroses', count: 3 }, { key: 'vacinacao', count: 1 }],
      byType: [{ key: 'palestra', count: 5 }],
      byMonth: [{ period: '2026-09', actions: 3, participants: 135, reports: 1 }, { period: '2026-10', actions: 2, participants: 1058, reports: 3 }],
      byRegional: [{ regional: 'Belo Horizonte', actions: 5, participants: 1193, reports: 4, municipalities: 39, municipalitiesReporting: 2 }],
      topMunicipalities: [{ code: '3106200', name: 'Belo Horizonte', regional: 'Belo Horizonte', actions: 4, participants: 143 }],
    };
    const { fetch, calls } = fakeFetch(() => json(200, panel));
    const view = render(withDb(<Panel session={session} api={apiFor(fetch)} from="2026-09" to="2026-11" />));
    expect((await screen.findByTestId('kpi-actions')).textContent).toBe('5');
    expect(screen.getByText('1.193')).toBeTruthy();
    expect(screen.getByText('5,1%')).toBeTruthy();
    expect(screen.getByText('2 de 39 municípios enviaram')).toBeTruthy();
    expect(screen.getByText(/Uma ação pode ter mais de um tema/)).toBeTruthy();
    const themes = screen.getByText('Ações por tema').closest('figure')!;
    expect([...themes.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual([
      'Dengue/arboviroses (combate ao Aedes aegypti)3', 'Vacinação1',
    ]);
    expect(themes.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.queryByText('Ações por unidade regional')).toBeNull(); // a regional unit sees only itself
    expect(calls.find((c) => c.path.startsWith('/panel?'))?.path).toBe('/panel?from=2026-09&to=2026-11&regional=Belo+Horizonte');
    expect(view.container.querySelectorAll('.panel > .filters select')).toHaveLength(2);
  });

  it('shows the endpoint-drawn map and switches it to a month\'s report status', async () => {
    const map = (label: string) => `<figure class="mapa" id="painel-mapa"><svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">${label}</title><g class="m"><a href="#/revisao/relatorio/${REPORT_ID}"><path class="c1" data-c="3106200" d="M0 0l1 1z"><title>Belo Horizonte</title></path></a></g></svg></figure>`;
    const { fetch, calls } = fakeFetch((_m, path) =>
      path.startsWith('/panel/map') ? new Response(map(path.includes('situacao') ? 'Mapa por situação' : 'Mapa por ações'), { headers: { 'content-type': 'text/html' } }) : json(500, {}));
    const view = render(withDb(<Panel session={session} api={apiFor(fetch)} from="2026-09" to="2026-11" />));
    await waitFor(() => expect(view.container.querySelector('.map-box svg title')?.textContent).toBe('Mapa por ações'));
    expect(calls.find((c) => c.path.startsWith('/panel/map'))?.path).toBe('/panel/map?from=2026-09&to=2026-11&regional=Belo+Horizonte&medida=acoes&mes=2026-11');
    expect(view.container.querySelector('.map-box a')?.getAttribute('href')).toBe(`#/revisao/relatorio/${REPORT_ID}`);
    fireEvent.change(screen.getByLabelText('Colorir por'), { target: { value: 'situacao' } });
    fireEvent.change(await screen.findByLabelText('Mês'), { target: { value: '2026-10' } });
    await waitFor(() => expect(view.container.querySelector('.map-box svg title')?.textContent).toBe('Mapa por situação'));
    expect(calls.some((c) => c.path.endsWith('&medida=situacao&mes=2026-10'))).toBe(true);
  });
});

describe('highlights on the review screen', () => {
  const central: Session = { ...session, user: { id: 'u-central', login: 'central', name: 'Central', role: 'central' } };
  const saved = (over: Record<string, unknown> = {}) => ({
    id: '11111111-1111-4111-8111-111111111111', reportId: REPORT_ID, actionId: '00000000-0000-4000-8000-000000000001', status: 'published',
    title: 'Mutirão no bairro', text: 'Moradores recolheram recipientes com água parada.', municipalityCode: '3106200', period: '2026-11',
    date: '2026-11-10', actionType: 'palestra', themes: ['arboviroses'], photos: ['1'.repeat(64)], imageConsent: true,
    publicPhotos: [{ publicId: 'a'.repeat(32), width: 640, height: 480 }], updatedAt: '2026-11-23T12:00:00.000Z', publishedAt: '2026-11-23T12:00:00.000Z', ...over,
  });

  it('central publishes an action with photos only after ticking the image-use consent, then can take it down', async () => {
    const { fetch, calls } = fakeFetch((method, path, body) => {
      if (path.startsWith('/highlights?')) return json(200, { highlights: [] });
      if (method === 'POST' && path === '/highlights') return json(201, { highlight: saved({ photos: (body as { photos: string[] }).photos }) });
      if (path.endsWith('/unpublish')) return json(200, { highlight: saved({ status: 'unpublished', publicPhotos: [] }) });
      return json(200, detail());
    });
    render(withDb(<ReviewReport reportId={REPORT_ID} session={central} api={apiFor(fetch)} />));
    fireEvent.click((await screen.findAllByRole('button', { name: 'Publicar como destaque do mês' }))[0]);
    fireEvent.input(screen.getByLabelText('Título público'), { target: { value: 'Mutirão no bairro' } });
    fireEvent.input(screen.getByLabelText('Texto público'), { target: { value: 'Moradores recolheram recipientes com água parada.' } });
    fireEvent.click(screen.getByLabelText('Foto 1.1'));
    fireEvent.click(screen.getByRole('button', { name: 'Publicar' }));
    expect((await screen.findByRole('alert')).textContent).toContain('autorizaram o uso de imagem');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByLabelText('As pessoas nas fotos autorizaram o uso de imagem'));
    fireEvent.click(screen.getByRole('button', { name: 'Publicar' }));
    expect((await screen.findByRole('status')).textContent).toContain('Destaque publicado no site público.');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/highlights')!;
    expect(post.body).toEqual({ reportId: REPORT_ID, actionId: '00000000-0000-4000-8000-000000000001', title: 'Mutirão no bairro',
      text: 'Moradores recolheram recipientes com água parada.', photos: ['1'.repeat(64)], imageConsent: true });
    fireEvent.click(screen.getByRole('button', { name: 'Retirar do site público' }));
    expect((await screen.findByRole('status')).textContent).toContain('Destaque retirado do site público.');
  });

  it('a regional unit suggests, and sees the server\'s refusal in Portuguese', async () => {
    const { fetch } = fakeFetch((method, path) => {
      if (path.startsWith('/highlights?')) return json(200, { highlights: [] });
      if (method === 'POST' && path === '/highlights') return json(422, { error: { code: 'invalid_request', message: 'O destaque tem problemas a corrigir.' } });
      return json(200, detail());
    });
    render(withDb(<ReviewReport reportId={REPORT_ID} session={session} api={apiFor(fetch)} />));
    fireEvent.click((await screen.findAllByRole('button', { name: 'Sugerir como destaque do mês' }))[0]);
    fireEvent.input(screen.getByLabelText('Título público'), { target: { value: 'Mutirão no bairro' } });
    fireEvent.input(screen.getByLabelText('Texto público'), { target: { value: 'Moradores recolheram recipientes com água parada.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar sugestão' }));
    expect((await screen.findByRole('alert')).textContent).toBe('O destaque tem problemas a corrigir.');
  });
});

describe('printable report', () => {
  it('prints the agent\'s own report from the phone, offline, with numbered photos; typed text stays text', async () => {
    await db.settings.delete('session');
    await saveProfile(db, { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'Referência', phone: '', email: '' });
    const report = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11', responsible: { name: 'Ana Souza', role: 'Referência técnica', phone: '', email: '' } });
    const action = await addAction(db, report.id, { title: XSS, type: 'palestra', themes: ['arboviroses', 'vacinacao'], participants: 12 });
    await db.photos.bulkAdd([photoRecord(action.id, report.id, 1, 'a'.repeat(64)), { ...photoRecord(action.id, report.id, 2, 'b'.repeat(64)), caption: 'Entrada da escola' }]);
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const view = render(withDb(<PrintReport reportId={report.id} />));
    await screen.findByRole('heading', { name: `Ação 1 — ${XSS}` });
    expect(screen.getByText('Relatório mensal de ações de mobilização social')).toBeTruthy();
    expect(screen.getByText('Belo Horizonte (IBGE 3106200)')).toBeTruthy();
    expect(screen.getByText('Ana Souza — Referência técnica')).toBeTruthy();
    expect(screen.getByText('Dengue/arboviroses (combate ao Aedes aegypti); Vacinação')).toBeTruthy();
    await waitFor(() => expect(view.container.querySelectorAll('img')).toHaveLength(2));
    expect([...view.container.querySelectorAll('figcaption')].map((f) => f.textContent)).toEqual(['Foto 1.1', 'Foto 1.2 — Entrada da escola']);
    expect(view.container.querySelector('[onerror]')).toBeNull();
    expect(screen.getByRole('button', { name: 'Imprimir ou salvar PDF' }).closest('.no-print')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
