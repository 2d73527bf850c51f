// "Enviar pelo WhatsApp" (#17 Plan B): always on a queued report, prominent (list and report) once
// it has waited 2 days in the queue; a phone signed in before Plan B is told what to do.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { queueReport } from '../../src/db/queue-report';
import { DbContext } from '../../src/ui/db-context';
import ReportEditor from '../../src/ui/screens/ReportEditor';
import { ReportList } from '../../src/ui/screens/ReportList';
import { freshDb } from '../helpers/fresh-db';
import { AGENT, seedReadyReport, signIn } from '../helpers/seed';

const profile = { accountId: AGENT.id, municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'RT', phone: '', email: '' };
const HOUR = 3600_000;
let db: MobilizaDb;
beforeEach(async () => {
  db = freshDb();
  await signIn(db);
});
afterEach(() => {
  cleanup();
  db.close();
});

const withDb = (ui: preact.ComponentChild) => render(<DbContext.Provider value={db}>{ui}</DbContext.Provider>);
async function queuedHoursAgo(hours: number) {
  const report = await seedReadyReport(db);
  await queueReport(db, report.id, new Date(Date.now() - hours * HOUR));
  return report;
}

describe('Plan B on the phone', () => {
  it('after 2 days in the queue: a hint on the list card, the offer first on the report', async () => {
    const report = await queuedHoursAgo(49);
    withDb(<ReportList profile={profile} />);
    expect((await screen.findByTestId('plan-b-hint')).textContent).toBe('Na fila há mais de 2 dias — abra para enviar pelo WhatsApp');
    cleanup();
    withDb(<ReportEditor reportId={report.id} />);
    const box = await screen.findByTestId('plan-b');
    expect(box.textContent).toContain('Este relatório está na fila há mais de 2 dias sem chegar à regional.');
    expect(box.className).toContain('notice');
    // it comes before the report's contents, right under the status
    const actions = screen.getByRole('heading', { name: /^Ações realizadas/ });
    expect(box.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enviar pelo WhatsApp' }).className).toContain('primary');
  });

  it('before 2 days: no hint, but the button is there on the report; a phone without a device secret is told to sign in again', async () => {
    const report = await queuedHoursAgo(47);
    withDb(<ReportList profile={profile} />);
    await screen.findByText('Na fila — aguardando conexão');
    expect(screen.queryByTestId('plan-b-hint')).toBeNull();
    cleanup();
    withDb(<ReportEditor reportId={report.id} />);
    const button = await screen.findByRole('button', { name: 'Enviar pelo WhatsApp' });
    expect(button.className).not.toContain('primary');
    expect(screen.getByTestId('plan-b').textContent).not.toContain('mais de 2 dias');
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Para enviar pelo WhatsApp, entre de novo com sua conta/);
  });

  it('is not offered on a draft', async () => {
    const report = await seedReadyReport(db);
    withDb(<ReportEditor reportId={report.id} />);
    await screen.findByRole('heading', { name: /^Ações realizadas/ });
    expect(screen.queryByRole('button', { name: 'Enviar pelo WhatsApp' })).toBeNull();
  });
});
