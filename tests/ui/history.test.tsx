// Issue #12 on screen: the month's existing report (409 period_taken) and a return's marks.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { createReport } from '../../src/db/reports';
import type { ReportDraft } from '../../src/domain/report';
import { DbContext } from '../../src/ui/db-context';
import ActionEditor from '../../src/ui/screens/ActionEditor';
import ReportEditor from '../../src/ui/screens/ReportEditor';
import { freshDb } from '../helpers/fresh-db';

// the merge itself (endpoint round trip, renumbering) is tested in tests/sync/two-phones.test.ts and the
// offline-conflict e2e; here it stands for "the endpoint's report, with this phone's actions appended"
const merge = vi.hoisted(() => ({ into: undefined as (() => Promise<ReportDraft>) | undefined }));
vi.mock('../../src/sync/history-here', async (original) => ({
  ...(await original<typeof import('../../src/sync/history-here')>()),
  mergeHere: () => merge.into!(),
}));

let db: MobilizaDb;
let report: ReportDraft;
beforeEach(async () => {
  db = freshDb();
  report = await createReport(db, { ownerId: 'u-bia', municipalityCode: '3106200', period: '2026-12' });
});
afterEach(() => {
  cleanup();
  db.close();
});
const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;
const conflict = (status: NonNullable<ReportDraft['conflict']>['status']) => ({
  id: 'x', period: '2026-12', protocol: 'MG-2026-12-3106200-0001', revision: 1, status, receivedAt: '2026-12-10T12:00:00.000Z', sentBy: 'Ana Souza',
});

describe('the month already has a report at the endpoint', () => {
  it('says so with protocol and sender, offers the merge as revision 2, and hides "Verificar e enviar"', async () => {
    await db.reports.update(report.id, { status: 'needs_fix', conflict: conflict('received') });
    render(withDb(<ReportEditor reportId={report.id} />));
    const notice = await screen.findByTestId('conflict');
    expect(notice.textContent).toContain('Já existe um relatório de dezembro de 2026 (protocolo MG-2026-12-3106200-0001, enviado por Ana Souza).');
    expect(notice.textContent).toContain('como a revisão 2');
    expect(screen.getByRole('button', { name: 'Juntar minhas ações a esse relatório' })).toBeTruthy();
    expect(screen.queryByText('Verificar e enviar')).toBeNull();
  });

  it('says it once: the rejection note of the 409 (the same sentence) is not repeated above the notice', async () => {
    const text = 'Já existe um relatório de dezembro de 2026 (protocolo MG-2026-12-3106200-0001, enviado por Ana Souza).';
    // What drainOutbox stores on a 409 period_taken: the endpoint's message as the note, and the conflict.
    await db.reports.update(report.id, { status: 'needs_fix', statusNote: { code: 'rejected', detail: { status: 409, serverCode: 'period_taken', message: text } }, conflict: conflict('received') });
    render(withDb(<ReportEditor reportId={report.id} />));
    await screen.findByTestId('conflict');
    expect(screen.getAllByText((_, el) => el?.childElementCount === 0 && el.textContent === text)).toHaveLength(1);
    expect(screen.queryByTestId('status-detail')).toBeNull();
  });

  it('after "Juntar minhas ações" the merged report says so once, then no more', async () => {
    await db.reports.update(report.id, { status: 'needs_fix', conflict: conflict('received') });
    const merged = await createReport(db, { ownerId: 'u-bia', municipalityCode: '3106200', period: '2026-11' });
    merge.into = async () => merged;
    const view = render(withDb(<ReportEditor reportId={report.id} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Juntar minhas ações a esse relatório' }));
    await vi.waitFor(() => expect(location.hash).toContain(merged.id));
    view.unmount(); // the router opens the merged report
    const opened = render(withDb(<ReportEditor reportId={merged.id} />));
    expect((await screen.findByTestId('merged')).textContent).toBe('Ações juntadas. Confira o relatório e envie quando estiver pronto.');
    opened.unmount();
    render(withDb(<ReportEditor reportId={merged.id} />));
    await screen.findByRole('heading', { name: /^Relatório de/ });
    expect(screen.queryByTestId('merged')).toBeNull();
  });

  it('approved: explains that the regional must return it first; the draft stays', async () => {
    await db.reports.update(report.id, { status: 'needs_fix', conflict: conflict('approved') });
    render(withDb(<ReportEditor reportId={report.id} />));
    const notice = await screen.findByTestId('conflict');
    expect(notice.textContent).toContain('Peça à regional que o devolva');
    expect(screen.queryByRole('button', { name: 'Juntar minhas ações a esse relatório' })).toBeNull();
  });
});

describe('a return with marked actions', () => {
  it('marks those actions in the list, in the summary and in the action editor', async () => {
    const a1 = await addAction(db, report.id, { title: 'Palestra' });
    const a2 = await addAction(db, report.id, { title: 'Blitz' });
    const a3 = await addAction(db, report.id, { title: 'Oficina' });
    await db.reports.update(report.id, { status: 'returned', revision: 2, marks: { at: '2026-12-11T00:00:00.000Z', actions: { [a1.id]: a1.updatedAt, [a3.id]: a3.updatedAt } } });
    const view = render(withDb(<ReportEditor reportId={report.id} />));
    expect((await screen.findByTestId('returned-marks')).textContent).toBe('Correção pedida nas ações 1 e 3.');
    const items = screen.getAllByTestId('action-item');
    expect(items.map((li) => !!li.querySelector('[data-testid="action-marked"]'))).toEqual([true, false, true]);
    view.unmount();
    render(withDb(<ActionEditor reportId={report.id} actionId={a3.id} />));
    expect((await screen.findByTestId('action-marked-notice')).textContent).toBe('A regional pediu correção nesta ação');
    cleanup();
    render(withDb(<ActionEditor reportId={report.id} actionId={a2.id} />));
    await screen.findByLabelText('Título da ação');
    expect(screen.queryByTestId('action-marked-notice')).toBeNull();
  });
});
