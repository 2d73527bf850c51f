// The list copy that paints a repeat open (issue #17 part 2) as the screens use it: the list writes
// it while it is on screen and removes it when another screen opens; App paints from it at once and
// the live query replaces it; signing out, another sign-in or a phone without profile removes it.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshot, SNAPSHOT_KEY, writeSnapshot } from '../../src/db/first-screen-snapshot';
import { createReport, listReportCards } from '../../src/db/reports';
import { saveSession, signOut } from '../../src/db/session';
import { saveProfile } from '../../src/db/settings';
import { App } from '../../src/ui/App';
import { navigate } from '../../src/ui/hooks/use-route';
import { freshDb } from '../helpers/fresh-db';

const PROFILE = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'RT', phone: '', email: '' };
const SESSION = { token: 'secret-token', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'u1', login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200' }, device: { id: 'd1', secret: 'device-secret' } };

beforeEach(() => {
  localStorage.clear();
  location.hash = '';
});
afterEach(() => cleanup());

const stored = () => localStorage.getItem(SNAPSHOT_KEY);

describe('the list copy in localStorage', () => {
  it('is written by the list on screen (never with the session) and removed when another screen opens', async () => {
    const db = freshDb();
    await saveProfile(db, PROFILE);
    await saveSession(db, SESSION as never, { ...PROFILE, accountId: 'u1' });
    await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-10' });
    render(<App db={db} />);
    await screen.findByText('Outubro de 2026');
    await waitFor(() => expect(stored()).not.toBeNull());
    expect(readSnapshot(localStorage, db.verno)!.cards!.cards.map((c) => c.report.period)).toEqual(['2026-10']);
    expect(stored()).not.toContain('secret-token');
    expect(stored()).not.toContain('device-secret');

    navigate('#/configuracoes');
    await screen.findByRole('heading', { name: 'Configurações' });
    expect(stored()).toBeNull();
    db.close();
  });

  it('paints the first render, and the live query replaces what changed since (here: a status pulled in the background)', async () => {
    const db = freshDb();
    await saveProfile(db, PROFILE);
    const report = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-10' });
    writeSnapshot(localStorage, db.verno, PROFILE, 'local', await listReportCards(db, 'local'));
    // while the app was closed, the worker learned that the regional approved it
    await db.reports.update(report.id, { status: 'approved', protocol: 'MG-2026-10-0042' });

    const first = readSnapshot(localStorage, db.verno)!;
    render(<App db={db} first={first} />);
    // synchronously on the first render: no IndexedDB answer awaited
    expect(screen.getByRole('heading', { name: 'Relatórios mensais' })).toBeTruthy();
    expect(screen.getByTestId('report-status').textContent).toBe('Rascunho');
    await waitFor(() => expect(screen.getByTestId('report-status').textContent).toBe('Aprovado'));
    expect(screen.getByText(/protocolo MG-2026-10-0042/)).toBeTruthy();
    // …and the copy now holds what is shown
    await waitFor(() => expect(readSnapshot(localStorage, db.verno)!.cards!.cards[0].report.status).toBe('approved'));
    db.close();
  });

  it('is removed on a phone without profile (signed out or wiped) before it can paint again', async () => {
    const db = freshDb();
    writeSnapshot(localStorage, db.verno, PROFILE, 'local', []);
    render(<App db={db} first={readSnapshot(localStorage, db.verno)} />);
    await screen.findByRole('heading', { name: 'Bem-vindo ao Mobiliza' });
    expect(stored()).toBeNull();
    db.close();
  });

  it('is removed by "Sair" and by a new sign-in', async () => {
    const db = freshDb();
    await saveSession(db, SESSION as never, { ...PROFILE, accountId: 'u1' });
    writeSnapshot(localStorage, db.verno, PROFILE, 'local', []);
    await signOut(db);
    expect(stored()).toBeNull();

    writeSnapshot(localStorage, db.verno, PROFILE, 'local', []);
    await saveSession(db, { ...SESSION, user: { ...SESSION.user, id: 'u2' } } as never, { ...PROFILE, accountId: 'u2' });
    expect(stored()).toBeNull();
    db.close();
  });
});
