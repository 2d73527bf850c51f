import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { createReport } from '../../src/db/reports';
import type { ReportDraft } from '../../src/domain/report';
import { updateAvailable } from '../../src/ui/app-events';
import { DbContext } from '../../src/ui/db-context';
import ActionEditor from '../../src/ui/screens/ActionEditor';
import ReportEditor from '../../src/ui/screens/ReportEditor';
import { freshDb } from '../helpers/fresh-db';

let db: MobilizaDb;
let report: ReportDraft;
beforeEach(async () => {
  db = freshDb();
  report = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });
});
afterEach(() => {
  cleanup();
  db.close();
});

const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;

describe('ActionEditor', () => {
  it('persists what is typed, says "Salvo" only after the write, and a remount restores it', async () => {
    const action = await addAction(db, report.id);
    const view = render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    const title = await screen.findByLabelText('Título da ação');
    fireEvent.input(title, { target: { value: 'Roda de conversa na UBS' } });
    fireEvent.input(screen.getByLabelText('Número de participantes'), { target: { value: '25' } });
    fireEvent.click(screen.getByLabelText('Vacinação'));
    fireEvent.click(screen.getByLabelText('Rural'));
    expect(screen.getByTestId('save-status').textContent).toBe('Salvando…');
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Salvo'));
    expect(await db.actions.get(action.id)).toMatchObject({
      title: 'Roda de conversa na UBS', participants: 25, themes: ['vacinacao'], place: { description: '', zone: 'rural' },
    });
    view.unmount();

    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    expect(((await screen.findByLabelText('Título da ação')) as HTMLInputElement).value).toBe('Roda de conversa na UBS');
    expect((screen.getByLabelText('Número de participantes') as HTMLInputElement).value).toBe('25');
    expect((screen.getByLabelText('Vacinação') as HTMLInputElement).checked).toBe(true);
  });

  it('writes at once when the page is hidden, without waiting for the delay', async () => {
    const action = await addAction(db, report.id);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    const title = await screen.findByLabelText('Título da ação');
    fireEvent.input(title, { target: { value: 'Teatro' } });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    await waitFor(async () => expect((await db.actions.get(action.id))?.title).toBe('Teatro'), { timeout: 250, interval: 20 });
  });

  it('shows a frozen report read-only', async () => {
    const action = await addAction(db, report.id, { title: 'Enviada' });
    await db.reports.update(report.id, { status: 'queued' });
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    expect(((await screen.findByLabelText('Título da ação')) as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByText(/somente para leitura/)).toBeTruthy();
  });
});

describe('ReportEditor', () => {
  it('deletes an action and brings it back with "Desfazer"', async () => {
    await addAction(db, report.id, { title: 'Primeira' });
    await addAction(db, report.id, { title: 'Segunda' });
    render(withDb(<ReportEditor reportId={report.id} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Excluir ação 1' }));
    await screen.findByText('Ação 1 excluída');
    await waitFor(() => expect(screen.getAllByTestId('action-item')).toHaveLength(1));
    expect(screen.getByText('Segunda')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Desfazer' }));
    await waitFor(() => expect(screen.getAllByTestId('action-item').map((li) => li.querySelector('.action-title')?.textContent)).toEqual(['Primeira', 'Segunda']));
  });

  it('saves the responsible person and shows the empty state and justification for a month without actions', async () => {
    render(withDb(<ReportEditor reportId={report.id} />));
    expect(await screen.findByText(/Nenhuma ação registrada neste mês/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Justificativa para o mês sem ações'), { target: { value: 'Sem equipe no mês.' } });
    fireEvent.input(screen.getByLabelText('Nome'), { target: { value: 'Carla' } });
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Salvo'));
    expect(await db.reports.get(report.id)).toMatchObject({ noActionsJustification: 'Sem equipe no mês.', responsible: { name: 'Carla' } });
  });
});

describe('ActionEditor and a waiting update', () => {
  afterEach(() => updateAvailable.set(null));

  it('never shows the update prompt over the open form', async () => {
    const action = await addAction(db, report.id);
    updateAvailable.set({ apply: async () => {} });
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    await screen.findByLabelText('Título da ação');
    expect(screen.queryByText('Nova versão disponível.')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Atualizar' })).toBeNull();
  });
});
