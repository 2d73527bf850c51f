// The partner picker of the action editor (#16): an accent-insensitive search over the partners
// kept on the phone, a new partner registered offline, and free-text partners of older reports kept.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { partnersOf, replaceServerPartners } from '../../src/db/partners';
import { createReport } from '../../src/db/reports';
import type { ReportDraft } from '../../src/domain/report';
import { DbContext } from '../../src/ui/db-context';
import ActionEditor from '../../src/ui/screens/ActionEditor';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
let report: ReportDraft;
const FIELDS = { municipalityCode: '3106200', kind: 'pessoa_juridica', governmental: true, campaigns: false };
beforeEach(async () => {
  db = freshDb();
  report = await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-11' });
  await replaceServerPartners(db, 'u1', [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Escola Estadual São José', sector: 'educacao', status: 'active', ...FIELDS },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Associação de Moradores', sector: 'sociedade_civil', status: 'active', ...FIELDS },
  ]);
  await replaceServerPartners(db, 'u2', [{ id: '33333333-3333-4333-8333-333333333333', name: 'Escola Estadual São José (outra conta)', sector: 'educacao', status: 'active', ...FIELDS }]);
  // offline: any request would fail
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
});
afterEach(() => {
  cleanup();
  db.close();
  vi.unstubAllGlobals();
});

const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;
const saved = async (id: string) => (await db.actions.get(id))!.partners;

describe('PartnerPicker', () => {
  it('finds a partner without accents or case and picks it for the action', async () => {
    const action = await addAction(db, report.id);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    fireEvent.input(await screen.findByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'SAO jose' } });
    const hit = await screen.findByRole('button', { name: 'Escola Estadual São José' });
    expect(screen.queryByRole('button', { name: /outra conta/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Associação de Moradores' })).toBeNull();
    fireEvent.click(hit);
    await waitFor(async () => expect(await saved(action.id)).toEqual([{ name: 'Escola Estadual São José', sector: 'educacao', partnerId: '11111111-1111-4111-8111-111111111111' }]));
    // once chosen it is no longer offered
    fireEvent.input(screen.getByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'escola' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Escola Estadual São José' })).toBeNull());
  });

  it('registers a new partner offline (no request made) and checks its fields first', async () => {
    const action = await addAction(db, report.id);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    fireEvent.input(await screen.findByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'Grupo de Teatro Vila Nova' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Novo parceiro' }));
    expect((screen.getByLabelText('Nome do parceiro') as HTMLInputElement).value).toBe('Grupo de Teatro Vila Nova');
    fireEvent.click(screen.getByRole('button', { name: 'Salvar parceiro' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/tipo de parceiro/);
    fireEvent.change(screen.getByLabelText('Tipo'), { target: { value: 'grupo_informal' } });
    fireEvent.change(within(screen.getByLabelText('Tipo').closest('.new-partner') as HTMLElement).getByLabelText('Setor'), { target: { value: 'cultura' } });
    fireEvent.input(screen.getByLabelText('Telefone'), { target: { value: '<b>x</b>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar parceiro' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/telefone inválido/);
    fireEvent.input(screen.getByLabelText('Telefone'), { target: { value: '(31) 98888-7777' } });
    fireEvent.click(screen.getByLabelText('Aceita receber campanhas da SES'));
    fireEvent.click(screen.getByRole('button', { name: 'Salvar parceiro' }));
    await waitFor(async () => expect((await saved(action.id)).map((p) => p.name)).toEqual(['Grupo de Teatro Vila Nova']));
    const created = (await partnersOf(db, 'u1')).find((p) => p.name === 'Grupo de Teatro Vila Nova')!;
    expect(created).toMatchObject({ local: true, kind: 'grupo_informal', sector: 'cultura', phone: '(31) 98888-7777', campaigns: true, municipalityCode: '3106200' });
    expect((await saved(action.id))[0].partnerId).toBe(created.id);
    expect(fetch).not.toHaveBeenCalled();
    // picked again later (offline too), the same partner is found, not typed again
    fireEvent.input(screen.getByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'vila nova' } });
    expect(screen.queryByRole('button', { name: 'Grupo de Teatro Vila Nova' })).toBeNull(); // already chosen here
  });

  it('keeps the free-text partners of an older report and shows each partner\'s actions on this phone', async () => {
    const older = await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-10' });
    await addAction(db, older.id, { date: '2026-10-05', title: 'Palestra na escola', partners: [{ name: 'escola estadual sao jose', sector: 'educacao' }] });
    const action = await addAction(db, report.id, { partners: [{ name: 'Rádio Comunitária', sector: 'imprensa_midia' }] });
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    expect(await screen.findByText('Rádio Comunitária (Imprensa/mídia)')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Buscar parceiro (sem acentos)'), { target: { value: 'sao jose' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Escola Estadual São José' }));
    await waitFor(async () => expect((await saved(action.id)).map((p) => p.name)).toEqual(['Rádio Comunitária', 'Escola Estadual São José']));
    const lists = () => [...document.querySelectorAll('ul[aria-label="Ações com este parceiro"]')];
    await waitFor(() => expect(lists().at(-1)?.textContent).toContain('05/10/2026 — Palestra na escola'));
  });
});
