// "Importar relatório recebido" (#17 Plan B): the reviewer picks the .txt and the photos together;
// the screen sends exactly those bytes and shows the endpoint's answer or its precise refusal.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackageImportRequest, PackageImportResponse } from '../../src/domain/report-package-api';
import { ImportPackage } from '../../src/ui/review/ImportPackage';
import { createReviewApi } from '../../src/ui/review/review-api';

afterEach(cleanup);

const RECEIPT: PackageImportResponse = {
  id: '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e5f', revision: 1, protocol: 'MG-2026-11-3106200-0001', receivedAt: '2026-11-23T12:00:00.000Z',
  status: 'received', municipalityCode: '3106200', period: '2026-11', created: true,
};
const MANIFEST = 'Relatório mensal do Mobiliza\n\n-----MOBILIZA-----\n{"format":"mobiliza-pacote/1"}\n';
const photo = (name: string, bytes: number[]) => new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });

function pick(files: File[]) {
  const input = screen.getByLabelText('Arquivos do relatório (.txt e fotos)') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('ImportPackage', () => {
  it('sends the manifest text and every photo (base64) and shows the protocol with a link to the report', async () => {
    const importPackage = vi.fn(async (_: PackageImportRequest) => RECEIPT);
    render(<ImportPackage api={{ importPackage }} />);
    expect(screen.getByRole('button', { name: 'Importar' }).hasAttribute('disabled')).toBe(true);
    pick([photo('Foto 1.1.jpg', [0xff, 0xd8, 0xff, 1, 2, 3]), new File([MANIFEST], 'Relatório Belo Horizonte 2026-11.txt', { type: 'text/plain' }), photo('Foto 2.1.jpg', [0xff, 0xd8, 0xff, 9])]);
    expect(screen.getByTestId('package-files').textContent).toContain('Foto 2.1.jpg');
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toContain('Relatório importado. Protocolo MG-2026-11-3106200-0001.');
    expect(done.textContent).toContain('Belo Horizonte · novembro de 2026 · revisão 1');
    expect(screen.getByRole('link', { name: 'Abrir o relatório' }).getAttribute('href')).toBe(`#/revisao/relatorio/${RECEIPT.id}`);
    expect(importPackage).toHaveBeenCalledTimes(1);
    const sent = importPackage.mock.calls[0][0];
    expect(sent.manifest).toBe(MANIFEST);
    expect(sent.photos).toEqual([
      { name: 'Foto 1.1.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]).toString('base64') },
      { name: 'Foto 2.1.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 9]).toString('base64') },
    ]);
  });

  it('says when the .txt is missing or doubled, without calling the endpoint', async () => {
    const importPackage = vi.fn(async () => RECEIPT);
    render(<ImportPackage api={{ importPackage }} />);
    pick([photo('Foto 1.1.jpg', [1])]);
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Falta o arquivo .txt do relatório. Selecione o .txt junto com as fotos.');
    pick([new File(['a'], 'a.txt'), new File(['b'], 'b.TXT')]);
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Há mais de um arquivo .txt. Importe um relatório de cada vez.');
    expect(importPackage).not.toHaveBeenCalled();
  });

  it('shows the endpoint\'s precise refusal (through the real API client) and a repeat as already there', async () => {
    const refusal = { error: { code: 'package_photo_altered', message: 'Foto diferente da original: “Foto 2.1.jpg”. O WhatsApp altera fotos enviadas como imagem: peça ao município que envie os arquivos como documento.', files: ['Foto 2.1.jpg'] } };
    const answers = [
      new Response(JSON.stringify(refusal), { status: 422, headers: { 'content-type': 'application/json' } }),
      new Response(JSON.stringify({ ...RECEIPT, created: false }), { status: 200, headers: { 'content-type': 'application/json' } }),
    ];
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => answers.shift()!);
    const api = createReviewApi({ fetch, baseUrl: 'http://x', token: 't', onExpired: () => {} });
    render(<ImportPackage api={api} />);
    pick([new File([MANIFEST], 'r.txt', { type: 'text/plain' }), photo('Foto 2.1.jpg', [1, 2])]);
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    expect((await screen.findByRole('alert')).textContent).toBe(refusal.error.message);
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe('http://x/api/v1/report-packages');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body)).manifest).toBe(MANIFEST);
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    await waitFor(() => expect(screen.getByTestId('import-done').textContent).toContain('Este relatório já estava na regional (protocolo MG-2026-11-3106200-0001). Nada foi duplicado.'));
  });
});
