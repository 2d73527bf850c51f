// Issue #17 part 5: the rough edges a new user hit on a 360×640 phone, one test each (each fails
// when its fix is reverted). Layout measurements in real Chromium: tests/e2e/rough-edges.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { createReport } from '../../src/db/reports';
import { getProfile, putSetting, saveProfile } from '../../src/db/settings';
import { type ProfileSetting } from '../../src/domain/outbox';
import type { PhotoRecord } from '../../src/domain/photo';
import type { ReportDraft } from '../../src/domain/report';
import { AUDIENCES } from '../../src/domain/vocabulary';
import { PasswordField } from '../../src/ui/components/Fields';
import { PhotoItem } from '../../src/ui/components/PhotoItem';
import { DbContext } from '../../src/ui/db-context';
import { ACTION_EDITOR_TEXT, NO_ACTIONS_TEXT } from '../../src/ui/messages';
import ActionEditor from '../../src/ui/screens/ActionEditor';
import ReadyCheck from '../../src/ui/screens/ReadyCheck';
import ReportEditor from '../../src/ui/screens/ReportEditor';
import Settings from '../../src/ui/screens/Settings';
import SignIn from '../../src/ui/screens/SignIn';
import { freshDb } from '../helpers/fresh-db';
import { photoRecord } from '../helpers/fixtures';

const STYLES = readFileSync(join(process.cwd(), 'src/ui/styles.css'), 'utf8');
const PROFILE = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana Souza', role: 'Referência técnica', phone: '', email: '' };

let db: MobilizaDb;
let report: ReportDraft;
beforeEach(async () => {
  db = freshDb();
  report = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-11' });
});
afterEach(() => {
  cleanup();
  db.close();
  document.head.querySelectorAll('style[data-test]').forEach((s) => s.remove());
  vi.restoreAllMocks();
});

const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;
/** The app's stylesheet in the jsdom document (jsdom cascades plain declarations such as min-height). */
const withStyles = () => {
  const style = document.createElement('style');
  style.dataset.test = '';
  style.textContent = STYLES;
  document.head.append(style);
};
const addPhotos = async (actionId: string, n: number) => {
  for (let k = 1; k <= n; k++) await db.photos.add(photoRecord(actionId, report.id, k, `${actionId}-${k}`.padEnd(64, '0')));
};

describe('sign-in password field', () => {
  it('is a labelled field like the login field, and the field styles apply to it (48 px tall, full width)', async () => {
    withStyles();
    render(withDb(<SignIn welcome={false} />));
    const login = screen.getByLabelText('Usuário') as HTMLInputElement;
    const password = screen.getByLabelText('Senha') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
    // the same structure: div.field > label + input
    expect(password.parentElement?.className).toBe(login.parentElement?.className);
    expect(password.parentElement?.querySelector('label')?.htmlFor).toBe(password.id);
    const style = (e: Element) => getComputedStyle(e);
    expect(style(login).minHeight).toBe('48px');
    expect(style(password).minHeight).toBe(style(login).minHeight);
    expect(style(password).width).toBe(style(login).width);
    expect(style(password).paddingLeft).toBe(style(login).paddingLeft);
  });

  it('PasswordField reports what is typed', () => {
    const onChange = vi.fn();
    render(<PasswordField id="p" label="Senha atual" value="" onChange={onChange} autocomplete="new-password" />);
    fireEvent.input(screen.getByLabelText('Senha atual'), { target: { value: 'segredo123' } });
    expect(onChange).toHaveBeenCalledWith('segredo123');
  });
});

describe('"Verificar e enviar" on a month without actions', () => {
  it('says to add an action, with a link to the report, before asking for a justification', async () => {
    render(withDb(<ReadyCheck reportId={report.id} />));
    const notice = await screen.findByTestId('no-actions');
    expect(notice.textContent).toContain(NO_ACTIONS_TEXT.check);
    expect(notice.textContent).toMatch(/adicione cada ação/);
    const link = screen.getByRole('link', { name: NO_ACTIONS_TEXT.addAction });
    expect(link.getAttribute('href')).toBe(`#/relatorio/${report.id}`);
    expect(screen.getByText(NO_ACTIONS_TEXT.orJustify)).toBeTruthy();
  });

  it('does not show it once the month has an action', async () => {
    await addAction(db, report.id, { title: 'Palestra' });
    render(withDb(<ReadyCheck reportId={report.id} />));
    await screen.findByTestId('check-count');
    expect(screen.queryByTestId('no-actions')).toBeNull();
  });
});

describe('plurals', () => {
  it('the report editor says "1 foto" and "5 fotos", never "foto(s)"', async () => {
    const one = await addAction(db, report.id, { title: 'Primeira' });
    const five = await addAction(db, report.id, { title: 'Segunda' });
    await addPhotos(one.id, 1);
    await addPhotos(five.id, 5);
    render(withDb(<ReportEditor reportId={report.id} />));
    await waitFor(() => expect(screen.getAllByTestId('action-item')).toHaveLength(2));
    await waitFor(() => {
      const [a, b] = screen.getAllByTestId('action-item').map((li) => li.querySelector('.action-meta')?.textContent ?? '');
      expect(a).toBe('1 foto');
      expect(b).toBe('5 fotos');
    });
    expect(document.body.textContent).not.toMatch(/\(s\)/);
  });

  it('"Liberar espaço" says "5 fotos apagadas" and "1 foto apagada", never "foto(s) apagada(s)"', async () => {
    await saveProfile(db, PROFILE as never);
    const profile = (await getProfile(db)) as ProfileSetting;
    const approved = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-09' });
    const a = await addAction(db, approved.id, { title: 'Aprovada' });
    for (let k = 1; k <= 5; k++) await db.photos.add(photoRecord(a.id, approved.id, k, `s${k}`.padEnd(64, '0')));
    const single = await createReport(db, { ownerId: 'local', municipalityCode: '3106200', period: '2026-08' });
    await db.reports.update(approved.id, { status: 'approved' });
    render(withDb(<Settings profile={profile} />));
    const button = await screen.findByRole('button', { name: /^Apagar fotos de relatórios aprovados \(5 fotos,/ }, { timeout: 5000 });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    expect((await screen.findByRole('status')).textContent).toBe('5 fotos apagadas.');
    cleanup();

    const b = await addAction(db, single.id, { title: 'Uma' });
    await db.photos.add(photoRecord(b.id, single.id, 1, 'one'.padEnd(64, '0')));
    await db.reports.update(single.id, { status: 'approved' });
    render(withDb(<Settings profile={profile} />));
    const again = await screen.findByRole('button', { name: /^Apagar fotos de relatórios aprovados \(1 foto,/ }, { timeout: 5000 });
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(again);
    expect((await screen.findByRole('status')).textContent).toBe('1 foto apagada.');
    expect(document.body.textContent).not.toMatch(/\(s\)/);
  });
});

describe('an approved report', () => {
  it('is shown with the success (green) notice, not the warning one', async () => {
    withStyles();
    await db.reports.update(report.id, { status: 'approved', protocol: 'MG-2026-11-1' });
    render(withDb(<ReportEditor reportId={report.id} />));
    const notice = await screen.findByTestId('read-only-notice');
    expect(notice.textContent).toMatch(/Relatório aprovado/);
    expect(notice.classList.contains('ok')).toBe(true);
    for (const detail of screen.queryAllByTestId('status-detail')) expect(detail.classList.contains('ok')).toBe(true);
    // the stylesheet gives `.notice.ok` the success background, after (and over) the warning one
    expect(STYLES).toMatch(/\.notice\.ok\s*\{[^}]*background:\s*var\(--ok-bg\)/);
    expect(getComputedStyle(notice).backgroundColor || getComputedStyle(notice).background).not.toMatch(/warn/);
  });

  it('a report still waiting keeps the warning notice', async () => {
    await db.reports.update(report.id, { status: 'queued' });
    render(withDb(<ReportEditor reportId={report.id} />));
    const notice = await screen.findByTestId('read-only-notice');
    expect(notice.classList.contains('ok')).toBe(false);
  });
});

describe('Configurações while offline', () => {
  const session = { token: 't', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'u1', login: 'ana.souza', name: 'Ana Souza', role: 'agent' as const, municipalityCode: '3106200', regional: 'Belo Horizonte' } };
  const renderSettings = async (online: boolean) => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    await saveProfile(db, PROFILE as never);
    await putSetting(db, 'session', session);
    const profile = (await getProfile(db)) as ProfileSetting;
    render(withDb(<Settings profile={profile} />));
    return screen.findByTestId('account', {}, { timeout: 5000 });
  };

  it('does not say "Conectado como" without a connection; says the account is on this device and sends wait', async () => {
    const account = await renderSettings(false);
    expect(account.textContent).not.toMatch(/Conectado/);
    expect(account.textContent).toMatch(/^Conta neste aparelho: Ana Souza \(ana\.souza\)\./);
    expect(account.textContent).toMatch(/Sem conexão agora/);
  });

  it('says "Conectado como" online', async () => {
    const account = await renderSettings(true);
    expect(account.textContent).toMatch(/^Conectado como Ana Souza/);
    expect(account.textContent).not.toMatch(/Sem conexão/);
  });
});

describe('the action editor keeps the photos reachable', () => {
  it('has a "Fotos (n) ↓" jump at the top that follows the count and takes the agent to the photos', async () => {
    const action = await addAction(db, report.id);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    const jump = await screen.findByTestId('jump-photos');
    expect(jump.textContent).toBe('Fotos (0) ↓');
    // before the form's first field: reachable without scrolling
    const title = screen.getByLabelText('Título da ação');
    expect(jump.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await addPhotos(action.id, 3);
    await waitFor(() => expect(jump.textContent).toBe(ACTION_EDITOR_TEXT.jumpToPhotos(3)));
    expect(jump.textContent).toBe('Fotos (3) ↓');
    fireEvent.click(jump);
    expect(scrolled.map((e) => e.id)).toEqual([`photos-${action.id}`]);
  });

  it('shows the common audiences first and all of them behind "Mostrar todos os públicos"', async () => {
    const action = await addAction(db, report.id);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    const group = (await screen.findByText('Público', { selector: 'legend' })).closest('fieldset')!;
    const shown = () => group.querySelectorAll('input[type=checkbox]').length;
    expect(shown()).toBeLessThan(AUDIENCES.length);
    expect(shown()).toBeGreaterThan(0);
    const more = screen.getByRole('button', { name: /^Mostrar todos os públicos/ });
    expect(more.textContent).toBe(ACTION_EDITOR_TEXT.allAudiences(AUDIENCES.length - shown()));
    fireEvent.click(more);
    await waitFor(() => expect(shown()).toBe(AUDIENCES.length));
    expect(screen.queryByRole('button', { name: /^Mostrar todos os públicos/ })).toBeNull();
  });

  it('shows the month\'s themes first and all of them behind "Mostrar todos os temas"', async () => {
    const action = await addAction(db, report.id);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    const group = (await screen.findByText('Temas', { selector: 'legend' })).closest('fieldset')!;
    const shown = () => group.querySelectorAll('input[type=checkbox]').length;
    const before = shown();
    const more = screen.getByRole('button', { name: /^Mostrar todos os temas/ });
    fireEvent.click(more);
    await waitFor(() => expect(shown()).toBeGreaterThan(before));
    expect(more.textContent).toMatch(new RegExp(`\\(${shown() - before} campanhas a mais\\)`));
  });

  it('keeps a chosen audience visible when the list is collapsed', async () => {
    const hidden = AUDIENCES.find((a) => a.value === 'pessoas_deficiencia')!;
    const action = await addAction(db, report.id, { audience: [hidden.value] } as never);
    render(withDb(<ActionEditor reportId={report.id} actionId={action.id} />));
    expect(((await screen.findByLabelText(hidden.label)) as HTMLInputElement).checked).toBe(true);
  });
});

describe('the caption placeholder', () => {
  const photo: PhotoRecord = { ...photoRecord('a1', 'r1', 1, 'a'.repeat(64)), width: 1600, height: 1200 };
  it('is short enough for the ~136 px of text the field has at 360 px (the label says "opcional")', () => {
    render(<PhotoItem photo={photo} actionNumber={1} count={1} editable onMove={vi.fn()} onDelete={vi.fn()} onCaption={vi.fn()} onView={vi.fn()} />);
    const input = screen.getByLabelText('Legenda da Foto 1.1 (opcional)') as HTMLInputElement;
    // at 16 px, about 8.5 px per character: 16 characters at most fit; the whole text, not a cut word
    expect(input.placeholder.length).toBeLessThanOrEqual(16);
    expect(input.placeholder).toBe('Legenda');
    expect(input.placeholder).not.toMatch(/\(/);
  });
});
