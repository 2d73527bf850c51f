// The agent's "Parceiros" (#16): the municipality's registry on the phone, the public sign-ups
// confirmed or refused online (plainly refused offline), and a partner's history of actions
// (this phone's actions offline; the municipality's from GET /partners/{id} online).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction, updateAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { partnersOf, replaceServerPartners } from '../../src/db/partners';
import { createReport } from '../../src/db/reports';
import { putSetting } from '../../src/db/settings';
import type { Session } from '../../src/domain/session';
import { DbContext } from '../../src/ui/db-context';
import Partners from '../../src/ui/screens/Partners';
import { freshDb } from '../helpers/fresh-db';

const OWNER = 'u-agent';
const session: Session = {
  token: 'token-agente-1234567890', expiresAt: '2027-01-01T00:00:00.000Z',
  user: { id: OWNER, login: 'agente', name: 'Ana', role: 'agent', municipalityCode: '3106200' },
};
const profile = { accountId: OWNER, municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'RT', phone: '', email: '' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const BASE = { municipalityCode: '3106200', kind: 'pessoa_juridica', governmental: false, campaigns: true };
const SCHOOL = { id: id(1), name: 'Escola Estadual São José', sector: 'educacao', status: 'active' as const, ...BASE };
const THEATRE = { id: id(2), name: 'Grupo de Teatro Raízes', sector: 'cultura', status: 'pending' as const, phone: '31 98888-7777', ...BASE };

let db: MobilizaDb;
let calls: string[];
let server: { partners: object[]; answer?: (method: string, path: string) => Response | undefined };
const setOnline = (on: boolean) => Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => on });

beforeEach(async () => {
  db = freshDb();
  await putSetting(db, 'session', session);
  await replaceServerPartners(db, OWNER, [SCHOOL, THEATRE, ...Array.from({ length: 35 }, (_, i) => ({ ...SCHOOL, id: id(100 + i), name: `Parceiro ${String(i).padStart(2, '0')}` }))]);
  calls = [];
  server = { partners: [] };
  setOnline(true);
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${path}`);
    expect((init?.headers as Record<string, string>).authorization).toBe(`Bearer ${session.token}`);
    const special = server.answer?.(method, path);
    if (special) return special;
    if (method === 'GET' && path.startsWith('/partners?')) return Response.json({ partners: server.partners });
    return Response.json({ error: { code: 'not_found', message: 'x' } }, { status: 404 });
  }));
});
afterEach(() => {
  cleanup();
  db.close();
  vi.unstubAllGlobals();
  setOnline(true);
});
const show = (partnerId?: string) => render(<DbContext.Provider value={db}><Partners profile={profile} partnerId={partnerId} /></DbContext.Provider>);

describe('agent: Parceiros', () => {
  it('confirms a public sign-up of the municipality; the registry is downloaded again', async () => {
    server.partners = [SCHOOL, THEATRE];
    server.answer = (method, path) => {
      if (method !== 'POST' || path !== `/partners/${id(2)}/confirm`) return undefined;
      server.partners = [SCHOOL, { ...THEATRE, status: 'active' }];
      return Response.json({ partner: { ...THEATRE, status: 'active' } });
    };
    show();
    // the list is refreshed from the endpoint when the screen opens online
    await waitFor(() => expect(calls).toContain('GET /partners?municipality=3106200'));
    const row = await screen.findByTestId('signup-row');
    expect(row.textContent).toContain('Grupo de Teatro Raízes');
    expect(row.textContent).toContain('31 98888-7777');
    fireEvent.click(within(row).getByRole('button', { name: 'Confirmar' }));
    await screen.findByText('Inscrição de “Grupo de Teatro Raízes” confirmada.');
    expect(calls).toContain(`POST /partners/${id(2)}/confirm`);
    await waitFor(async () => expect((await partnersOf(db, OWNER)).map((p) => [p.name, p.status])).toEqual([
      ['Escola Estadual São José', 'active'], ['Grupo de Teatro Raízes', 'active'],
    ]));
    expect(screen.queryByTestId('signup-row')).toBeNull();
  });

  it('refuses a sign-up only after the confirm step, and it leaves the phone', async () => {
    server.partners = [SCHOOL, THEATRE];
    server.answer = (method, path) => (method === 'POST' && path === `/partners/${id(2)}/reject` ? Response.json({ partner: { ...THEATRE, status: 'rejected' } }) : undefined);
    show();
    const row = await screen.findByTestId('signup-row');
    fireEvent.click(within(row).getByRole('button', { name: 'Recusar' }));
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Sim, recusar' }));
    await screen.findByText('Inscrição de “Grupo de Teatro Raízes” recusada; os dados de contato foram apagados.');
    expect(calls).toContain(`POST /partners/${id(2)}/reject`);
    expect((await partnersOf(db, OWNER)).map((p) => p.id)).not.toContain(id(2));
  });

  it('offline: says so plainly, keeps the list, and does not offer to confirm', async () => {
    setOnline(false);
    show();
    await screen.findByText(/Sem internet: aparecem os parceiros guardados neste celular/);
    const row = await screen.findByTestId('signup-row');
    expect((within(row).getByRole('button', { name: 'Confirmar' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Sem conexão: confirme ou recuse quando tiver internet.')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('a 403 on confirm is explained (the regional unit takes care of it)', async () => {
    server.partners = [SCHOOL, THEATRE];
    server.answer = (method) => (method === 'POST' ? Response.json({ error: { code: 'forbidden', message: 'x' } }, { status: 403 }) : undefined);
    show();
    fireEvent.click(within(await screen.findByTestId('signup-row')).getByRole('button', { name: 'Confirmar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Este parceiro não é do seu município: a unidade regional cuida dele.');
    expect(screen.getByTestId('signup-row')).toBeTruthy();
  });

  it('searches without accents and pages the list with "Carregar mais"', async () => {
    setOnline(false);
    show();
    await waitFor(() => expect(screen.getAllByTestId('partner-row')).toHaveLength(30));
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais (6 restantes)' }));
    expect(screen.getAllByTestId('partner-row')).toHaveLength(36);
    fireEvent.input(screen.getByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'sao JOSE' } });
    expect(screen.getAllByTestId('partner-row').map((r) => r.querySelector('a')!.textContent)).toEqual(['Escola Estadual São José']);
    fireEvent.input(screen.getByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'hospital' } });
    expect(screen.getByText('Nenhum parceiro encontrado para “hospital”.')).toBeTruthy();
  });

  it('a partner\'s history: this phone\'s actions offline, the municipality\'s online', async () => {
    const report = await createReport(db, { ownerId: OWNER, municipalityCode: '3106200', period: '2026-11' });
    const action = await addAction(db, report.id);
    await updateAction(db, action.id, { title: 'Feira de saúde na escola', date: '2026-11-05', partners: [{ name: SCHOOL.name, sector: 'educacao', partnerId: SCHOOL.id }] });
    setOnline(false);
    show(SCHOOL.id);
    await screen.findByText('Sem conexão: aparecem só as ações registradas neste celular.');
    expect((await screen.findByTestId('partner-history')).textContent).toBe('05/11/2026 — Feira de saúde na escola');
    cleanup();

    setOnline(true);
    server.partners = [SCHOOL];
    server.answer = (method, path) => (method === 'GET' && path === `/partners/${SCHOOL.id}` ? Response.json({
      partner: SCHOOL,
      history: [
        { reportId: 'r2', period: '2026-11', actionNumber: 1, date: '2026-11-05', title: 'Feira de saúde na escola', type: 'feira_evento', status: 'received' },
        { reportId: 'r1', period: '2026-09', actionNumber: 3, date: '2026-09-20', title: 'Palestra sobre vacinação', type: 'palestra', status: 'approved' },
      ],
    }) : undefined);
    show(SCHOOL.id);
    await waitFor(() => expect(screen.getByTestId('partner-history').querySelectorAll('li')).toHaveLength(2));
    expect(screen.getByTestId('partner-history').textContent).toContain('20/09/2026 — Palestra sobre vacinação');
    await screen.findByText('1 ação deste celular com este parceiro.');
    expect(screen.getByTestId('partner-history').textContent).toContain('(Feira/evento de saúde, relatório de novembro de 2026)');
  });

  it('the history request failing (5xx) falls back to this phone\'s actions with a plain message', async () => {
    server.partners = [SCHOOL];
    server.answer = (_method, path) => (path === `/partners/${SCHOOL.id}` ? new Response('x', { status: 503 }) : undefined);
    show(SCHOOL.id);
    expect((await screen.findByRole('alert')).textContent).toContain('O servidor não respondeu como esperado.');
    await screen.findByText('Nenhuma ação com este parceiro neste celular.');
  });
});
