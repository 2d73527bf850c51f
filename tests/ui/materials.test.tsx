// Materials (#16): central's upload screen (metadata in the query, the file as the body; the
// endpoint's issues shown), the agent's screen offline (what is kept, what is not), and sharing
// through the Web Share API with the download as the fallback.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { replaceMaterials } from '../../src/db/materials';
import { putSetting } from '../../src/db/settings';
import type { Material } from '../../src/domain/material';
import { periodOfDate } from '../../src/domain/period';
import type { Session } from '../../src/domain/session';
import { DbContext } from '../../src/ui/db-context';
import Materials from '../../src/ui/materials/Materials';
import { shareMaterial } from '../../src/ui/materials/share-material';
import { MaterialsAdmin } from '../../src/ui/review/MaterialsAdmin';
import { createReviewApi } from '../../src/ui/review/review-api';
import { freshDb } from '../helpers/fresh-db';

const month = periodOfDate(new Date());
const central: Session = { token: 'token-de-teste-1234567890', expiresAt: '2030-01-01T00:00:00.000Z', user: { id: 'u-c', login: 'sesmg', name: 'SES-MG', role: 'central' } };
const regional: Session = { ...central, user: { id: 'u-r', login: 'urs', name: 'URS', role: 'regional', regional: 'Belo Horizonte' } };
const piece = (id: string, over: Partial<Material> = {}): Material => ({
  id, kind: 'piece', title: `Cartaz ${id}`, month, campaign: 'Campanha', workshop: null, steps: null, fileName: `${id}.pdf`,
  mimeType: 'application/pdf', byteSize: 2_000_000, sha256: `s-${id}`, createdAt: '2026-11-02T10:00:00.000Z', ...over,
});
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let db: MobilizaDb;
beforeEach(() => {
  db = freshDb();
  URL.createObjectURL = vi.fn(() => 'blob:fake/1');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  db.close();
  vi.restoreAllMocks();
});

function fakeApi(handler: (method: string, path: string, init?: RequestInit) => Response) {
  const calls: { method: string; path: string; init?: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    calls.push({ method: init?.method ?? 'GET', path, init });
    return handler(init?.method ?? 'GET', path, init);
  }) as unknown as typeof globalThis.fetch;
  return { api: createReviewApi({ fetch, baseUrl: 'http://servidor', token: central.token, onExpired: () => {} }), calls };
}

describe('central materials screen', () => {
  it('uploads a PDF piece: metadata in the query, the file as the body; then lists it', async () => {
    let list: Material[] = [];
    const { api, calls } = fakeApi((method) => {
      if (method === 'GET') return json(200, { month, materials: list });
      list = [piece('novo', { title: 'Cartaz do mês' })];
      return json(201, { material: list[0] });
    });
    render(<MaterialsAdmin api={api} session={central} />);
    await screen.findByText(/Nenhum material/);
    fireEvent.input(screen.getByLabelText('Título'), { target: { value: 'Cartaz do mês' } });
    const file = new File(['%PDF-1.7 conteúdo'], 'cartaz.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByLabelText(/^Arquivo/), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Publicar material' }));
    await screen.findByText('"Cartaz do mês" publicado (PDF).');
    const post = calls.find((c) => c.method === 'POST')!;
    const q = new URLSearchParams(post.path.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({ kind: 'piece', title: 'Cartaz do mês', month, campaign: (screen.getByLabelText(/^Campanha de/) as HTMLSelectElement).value, fileName: 'cartaz.pdf' });
    expect(post.init?.body).toBe(file);
    expect(await screen.findByTestId('material-row')).toBeTruthy();
  });

  it('shows the endpoint\'s reasons, refuses a file over 10 MB before sending, and sends a text tutorial as JSON', async () => {
    const { api, calls } = fakeApi((method) =>
      method === 'GET' ? json(200, { month, materials: [] })
        : json(422, { error: { code: 'invalid_material', message: 'O material tem problemas a corrigir.', issues: [{ path: 'campaign', message: 'escolha uma campanha do calendário deste mês' }] } }));
    render(<MaterialsAdmin api={api} session={central} />);
    await screen.findByText(/Nenhum material/);
    fireEvent.input(screen.getByLabelText('Título'), { target: { value: 'Peça grande' } });
    const big = new File(['x'], 'grande.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    fireEvent.change(screen.getByLabelText(/^Arquivo/), { target: { files: [big] } });
    fireEvent.click(screen.getByRole('button', { name: 'Publicar material' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/limite é 10(,0)? MB/);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    fireEvent.click(screen.getByLabelText(/Tutorial de oficina/));
    fireEvent.change(screen.getByLabelText(/^Arquivo/), { target: { files: [] } });
    fireEvent.input(screen.getByLabelText(/Ou os passos/), { target: { value: 'Aquecimento\nCena' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publicar material' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('O material tem problemas a corrigir. escolha uma campanha do calendário deste mês.'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/materials');
    expect(JSON.parse(String(post.init?.body))).toEqual({ kind: 'tutorial', title: 'Peça grande', workshop: 'capacitacao', steps: 'Aquecimento\nCena' });
  });

  it('a regional unit sees the list, with no upload form and no "Retirar"', async () => {
    const { api } = fakeApi(() => json(200, { month, materials: [piece('a')] }));
    render(<MaterialsAdmin api={api} session={regional} />);
    await screen.findByTestId('material-row');
    expect(screen.queryByRole('button', { name: 'Publicar material' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retirar' })).toBeNull();
  });
});

describe('agent materials screen', () => {
  it('offline: shows what is kept, says what is not available, and tutorial text as text', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await putSetting(db, 'session', central);
    await replaceMaterials(db, month, [
      { ...piece('guardada'), blob: new Blob(['%PDF-']) } as Material,
      piece('remota'),
      piece('tut', { kind: 'tutorial', month: null, campaign: null, workshop: 'teatro', fileName: null, mimeType: null, byteSize: 0, sha256: null, steps: '<script>alert(1)</script>\n[x](javascript:alert(2))' }),
    ]);
    render(<DbContext.Provider value={db}><Materials /></DbContext.Provider>);
    await screen.findByText('Sem internet: aparecem os materiais guardados neste celular.');
    const items = await screen.findAllByTestId('material');
    const [kept, remote] = ['Cartaz guardada', 'Cartaz remota'].map((t) => items.find((i) => i.textContent!.includes(t))!);
    expect(kept.textContent).toContain('guardado no celular');
    expect((kept.querySelector('button') as HTMLButtonElement).disabled).toBe(false);
    expect(remote.textContent).toContain('não disponível sem internet');
    expect((remote.querySelector('button') as HTMLButtonElement).disabled).toBe(true);
    const tut = items.find((i) => i.textContent!.includes('Oficina de teatro'))!;
    expect([...tut.querySelectorAll('li')].map((l) => l.textContent)).toEqual(['<script>alert(1)</script>', '[x](javascript:alert(2))']);
    expect(tut.querySelector('script, a')).toBeNull();
  });
});

describe('shareMaterial', () => {
  const m = { ...piece('p'), fileName: 'cartaz.pdf' };
  const blob = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
  const clicks = () => vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

  it('shares the file where canShare says yes', async () => {
    const click = clicks();
    const share = vi.fn(async () => {});
    const canShare = vi.fn(() => true);
    expect(await shareMaterial({ canShare, share }, m, blob)).toBe('shared');
    const data = (share.mock.calls[0] as unknown as [ShareData])[0];
    expect(data.files![0]).toBeInstanceOf(File);
    expect([data.files![0].name, data.files![0].type, data.title]).toEqual(['cartaz.pdf', 'application/pdf', m.title]);
    expect(click).not.toHaveBeenCalled();
  });

  it('downloads where files cannot be shared, or the share fails; a cancelled sheet does nothing', async () => {
    const click = clicks();
    expect(await shareMaterial({ canShare: () => false, share: vi.fn() }, m, blob)).toBe('downloaded');
    expect(await shareMaterial({}, m, blob)).toBe('downloaded');
    expect(await shareMaterial({ canShare: () => true, share: async () => { throw new DOMException('no', 'NotAllowedError'); } }, m, blob)).toBe('downloaded');
    expect(click).toHaveBeenCalledTimes(3);
    expect(await shareMaterial({ canShare: () => true, share: async () => { throw new DOMException('x', 'AbortError'); } }, m, blob)).toBe('cancelled');
    expect(click).toHaveBeenCalledTimes(3);
  });
});
