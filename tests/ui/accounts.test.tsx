import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { getSession } from '../../src/db/session';
import { getProfile } from '../../src/db/settings';
import { DbContext } from '../../src/ui/db-context';
import { resultCsv } from '../../src/ui/admin/ImportScreen';
import { AccessShare } from '../../src/ui/admin/AccessShare';
import RedeemAccess from '../../src/ui/screens/RedeemAccess';
import { freshDb } from '../helpers/fresh-db';

const CODE = 'A'.repeat(43);
// a loaded machine renders slowly; the assertions wait for what the screen says, not for a time
const WAIT = { timeout: 10_000 };
let db: MobilizaDb;

beforeEach(() => {
  db = freshDb();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  db.close();
});

const withDb = (ui: preact.ComponentChild) => <DbContext.Provider value={db}>{ui}</DbContext.Provider>;
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string) => answer(status, { error: { code, message: `mensagem do servidor (${code})` } });

describe('opening an access link (#/entrar?codigo=…)', () => {
  it.each([
    [410, 'access_code_used', 'já foi usado'],
    [410, 'access_code_expired', 'venceu'],
    [404, 'access_code_invalid', 'não é válido'],
    [403, 'account_disabled', 'desativada'],
  ])('a %s %s shows what happened and what to do', async (status, code, text) => {
    vi.stubGlobal('fetch', vi.fn(async () => refusal(status, code)));
    render(withDb(<RedeemAccess code={CODE} />));
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert.textContent).toContain(text);
    expect(screen.getByRole('link', { name: 'Entrar com usuário e senha' })).toBeTruthy();
    expect(screen.queryByLabelText(/^Nova senha/)).toBeNull();
  });

  it('offline: says the first access needs the internet and offers to try again', async () => {
    const fetch = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    vi.stubGlobal('fetch', fetch);
    render(withDb(<RedeemAccess code={CODE} />));
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toContain('precisa de internet');
    fireEvent.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2), WAIT);
  });

  it('checks the password locally, then redeems and keeps the session and profile on the phone', async () => {
    const user = { id: 'u-ana', login: 'ana.souza', name: 'Ana Souza', role: 'agent', municipalityCode: '3106200' };
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/check')) return answer(200, { login: 'ana.souza', name: 'Ana Souza', expiresAt: '2026-11-26T12:00:00.000Z' });
      expect(JSON.parse(String(init?.body))).toMatchObject({ code: CODE, password: 'senha-longa-1', deviceName: 'Celular da Ana' });
      return answer(201, { token: 'token-novo-1234567890', expiresAt: '2027-05-01T00:00:00.000Z', user });
    });
    vi.stubGlobal('fetch', fetch);
    const replace = vi.fn();
    vi.stubGlobal('location', { ...location, replace });
    render(withDb(<RedeemAccess code={CODE} />));
    expect((await screen.findByTestId('redeem-login', {}, WAIT)).textContent).toBe('ana.souza');
    fireEvent.input(screen.getByLabelText(/^Nova senha/), { target: { value: 'curta' } });
    fireEvent.input(screen.getByLabelText('Repita a senha'), { target: { value: 'curta' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar senha e entrar' }));
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toContain('pelo menos 8');
    fireEvent.input(screen.getByLabelText(/^Nova senha/), { target: { value: 'senha-longa-1' } });
    fireEvent.input(screen.getByLabelText('Repita a senha'), { target: { value: 'senha-longa-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar senha e entrar' }));
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toContain('não são iguais');
    expect(fetch).toHaveBeenCalledTimes(1);
    fireEvent.input(screen.getByLabelText('Repita a senha'), { target: { value: 'senha-longa-1' } });
    fireEvent.input(screen.getByLabelText('Nome deste aparelho'), { target: { value: 'Celular da Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar senha e entrar' }));
    await waitFor(() => expect(replace).toHaveBeenCalledWith('#/'), WAIT);
    expect((await getSession(db))?.user.login).toBe('ana.souza');
    expect(await getProfile(db)).toMatchObject({ accountId: 'u-ana', municipalityName: 'Belo Horizonte', name: 'Ana Souza' });
  });
});

describe('administrators: access link and import result', () => {
  it('shows the link and its QR code, and copies when the browser cannot share', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<AccessShare code={{ code: CODE, expiresAt: '2026-11-26T12:00:00.000Z' }} name="Ana Souza" login="ana.souza" />);
    const link = (screen.getByLabelText('Link de acesso') as HTMLInputElement).value;
    expect(link).toMatch(new RegExp(`/#/entrar\\?codigo=${CODE}$`));
    expect(screen.getByRole('img', { name: 'Código QR do acesso de Ana Souza' }).querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    fireEvent.click(screen.getByRole('button', { name: 'Compartilhar' }));
    await screen.findByText(/Link copiado/, {}, WAIT);
    expect(writeText.mock.calls[0][0]).toContain(link);
  });

  it('writes the result CSV with names and single-use links, formula-safe, no passwords', () => {
    const csv = resultCsv({
      created: [{ line: 2, id: 'x', login: 'ana.souza', name: '=Ana', municipalityCode: '3106200', accessCode: { code: CODE, expiresAt: '2026-11-26T12:00:00.000Z' } }],
      skipped: [],
    }, 'https://mobiliza.example/');
    const rows = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('Nome;Usuário;Município;Link de acesso (uso único);Válido até');
    expect(rows[1].startsWith(`'=Ana;ana.souza;Belo Horizonte;https://mobiliza.example/#/entrar?codigo=${CODE};`)).toBe(true);
    expect(csv).not.toMatch(/senha/i);
  });
});
