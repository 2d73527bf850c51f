// The reports list's snapshot (issue #17 part 2): ReportList writes it, index.html's inline script
// paints it on the next open (the real script, read from index.html), App removes it with the profile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReport } from '../../src/db/reports';
import { saveProfile } from '../../src/db/settings';
import { LOCAL_OWNER } from '../../src/domain/outbox';
import { App } from '../../src/ui/App';
import { DbContext } from '../../src/ui/db-context';
import { clearListSnapshot, SNAPSHOT_KEY, SNAPSHOT_MAX_AGE_MS, SNAPSHOT_VERSION, writeListSnapshot } from '../../src/ui/list-snapshot';
import { ReportList } from '../../src/ui/screens/ReportList';
import { freshDb } from '../helpers/fresh-db';

const profile = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Centro', name: 'Ana Souza', role: 'RT', phone: '31 99999-0000', email: 'ana@example.org' };

/** index.html's inline snapshot painter, run as the browser runs it */
const painter = (() => {
  const html = readFileSync(join(process.cwd(), 'index.html'), 'utf8');
  const m = html.match(/<script>([\s\S]*?)<\/script>/);
  if (!m) throw new Error('index.html has no inline snapshot script');
  return new Function(m[1]) as () => void;
})();

function openPage(hash = '') {
  document.body.innerHTML = '<div id="app"><p class="boot">Carregando o Mobiliza…</p></div>';
  history.replaceState(null, '', `/${hash}`);
  painter();
  return document.getElementById('app')!;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('list snapshot', () => {
  it('is written by the list once it has read its cards: what the cards show, and nothing else of the profile or the reports', async () => {
    const db = freshDb();
    const report = await createReport(db, { ownerId: LOCAL_OWNER, municipalityCode: '3106200', period: '2026-11', responsible: profile });
    render(<DbContext.Provider value={db}><ReportList profile={profile} /></DbContext.Provider>);
    await screen.findByText('Novembro de 2026', { exact: false });
    await vi.waitFor(() => expect(localStorage.getItem(SNAPSHOT_KEY)).not.toBeNull(), { timeout: 5000 });
    const saved = JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!);
    expect(saved.v).toBe(SNAPSHOT_VERSION);
    expect(saved.html).toContain(`#/relatorio/${report.id}`);
    expect(saved.html).toContain('Belo Horizonte · Regional Centro');
    expect(saved.html).toContain('aria-busy="true"');
    for (const secret of ['Ana Souza', 'ana@example.org', '99999']) expect(saved.html).not.toContain(secret);
    cleanup();

    // the next open paints it before any module runs: heading, the card link, marked as a snapshot
    const app = openPage();
    expect(app.querySelector('main[data-snapshot]')).not.toBeNull();
    expect(app.querySelector('#reports-title')?.textContent).toBe('Relatórios mensais');
    expect(app.querySelector('.cards .card-link')?.getAttribute('href')).toBe(`#/relatorio/${report.id}`);
    expect(app.querySelector('[role="status"]')?.textContent).toBe('Atualizando…');
    expect(app.querySelectorAll('button')).toHaveLength(0); // nothing on it writes
  });

  it('is rewritten when the list changes', async () => {
    const db = freshDb();
    render(<DbContext.Provider value={db}><ReportList profile={profile} /></DbContext.Provider>);
    await screen.findByText('Nenhum relatório ainda', { exact: false });
    await vi.waitFor(() => expect(localStorage.getItem(SNAPSHOT_KEY)).not.toBeNull(), { timeout: 5000 });
    expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!).html).not.toContain('card-link');
    const report = await createReport(db, { ownerId: LOCAL_OWNER, municipalityCode: '3106200', period: '2026-10', responsible: profile });
    await vi.waitFor(() => expect(JSON.parse(localStorage.getItem(SNAPSHOT_KEY)!).html).toContain(report.id), { timeout: 5000 });
  });

  it('is painted only on the home route, in this format, when well-formed and at most 30 days old', () => {
    writeListSnapshot(localStorage, '<main data-snapshot=""><h2 id="reports-title">Relatórios mensais</h2></main>');
    expect(openPage().querySelector('main[data-snapshot]')).not.toBeNull();
    expect(openPage('#/').querySelector('main[data-snapshot]')).not.toBeNull();
    // another screen opens: its own screen loads, not the list
    expect(openPage('#/relatorio/abc').textContent).toBe('Carregando o Mobiliza…');

    const now = Date.now();
    writeListSnapshot(localStorage, '<main data-snapshot=""></main>', now - SNAPSHOT_MAX_AGE_MS - 1000);
    expect(openPage().textContent).toBe('Carregando o Mobiliza…');
    writeListSnapshot(localStorage, '<main data-snapshot=""></main>', now - SNAPSHOT_MAX_AGE_MS + 60_000);
    expect(openPage().querySelector('main[data-snapshot]')).not.toBeNull();

    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: SNAPSHOT_VERSION + 1, savedAt: now, html: '<main data-snapshot=""></main>' }));
    expect(openPage().textContent).toBe('Carregando o Mobiliza…');
    localStorage.setItem(SNAPSHOT_KEY, '{not json');
    expect(openPage().textContent).toBe('Carregando o Mobiliza…');
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: SNAPSHOT_VERSION, savedAt: now, html: 42 }));
    expect(openPage().textContent).toBe('Carregando o Mobiliza…');
    clearListSnapshot(localStorage);
    expect(openPage().textContent).toBe('Carregando o Mobiliza…');
  });

  it('survives a storage that refuses writes (the next open only waits for the read)', () => {
    const full = { setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => { throw new Error('disabled'); } };
    expect(() => writeListSnapshot(full, '<main></main>')).not.toThrow();
    expect(() => clearListSnapshot(full)).not.toThrow();
  });

  it('is removed when there is no agent list any more (no profile on the phone)', async () => {
    writeListSnapshot(localStorage, '<main data-snapshot=""></main>');
    const db = freshDb();
    render(<App db={db} />);
    await vi.waitFor(() => expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull(), { timeout: 5000 });
  });

  it('stays while the agent has a list', async () => {
    const db = freshDb();
    await saveProfile(db, profile);
    render(<App db={db} />);
    await screen.findByRole('heading', { name: 'Relatórios mensais' });
    await vi.waitFor(() => expect(localStorage.getItem(SNAPSHOT_KEY)).not.toBeNull(), { timeout: 5000 });
  });
});
