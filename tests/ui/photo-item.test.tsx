import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhotoRecord } from '../../src/domain/photo';
import { PhotoItem } from '../../src/ui/components/PhotoItem';

afterEach(cleanup);

const photo = (over: Partial<PhotoRecord> = {}): PhotoRecord => ({
  id: 'p1', actionId: 'a1', reportId: 'r1', number: 3, caption: '', sha256: 'a'.repeat(64), mimeType: 'image/jpeg',
  byteSize: 184_320, width: 1600, height: 1200, fileName: 'IMG_1.jpg', fileSize: 4_000_000,
  blob: new Blob(['x']), thumb: new Blob(['t']), createdAt: '2026-11-23T10:00:00Z', lat: -19.9, lon: -43.9, ...over,
});
const handlers = () => ({ onMove: vi.fn(), onDelete: vi.fn(), onCaption: vi.fn(), onView: vi.fn() });

describe('PhotoItem', () => {
  it('labels the photo with the action number and its own number, for eyes and screen readers', () => {
    const { rerender } = render(<PhotoItem photo={photo()} actionNumber={2} count={4} editable {...handlers()} />);
    expect(screen.getByText('Foto 2.3')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Foto 2.3' })).toBeTruthy();
    expect(screen.getByLabelText('Legenda da Foto 2.3 (opcional)')).toBeTruthy();
    expect(screen.getByText(/1600×1200 · 180 KB/)).toBeTruthy();
    expect(screen.getByText('com localização')).toBeTruthy();
    // the action moved to number 5: the label follows
    rerender(<PhotoItem photo={photo()} actionNumber={5} count={4} editable {...handlers()} />);
    expect(screen.getByText('Foto 5.3')).toBeTruthy();
  });

  it('wires move, delete, caption and view; disables moves past the ends', () => {
    const h = handlers();
    render(<PhotoItem photo={photo({ number: 1 })} actionNumber={1} count={2} editable {...h} />);
    expect((screen.getByRole('button', { name: 'Mover Foto 1.1 para cima' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Mover Foto 1.1 para baixo' }));
    fireEvent.click(screen.getByRole('button', { name: 'Excluir Foto 1.1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ver Foto 1.1 em tamanho real' }));
    const caption = screen.getByLabelText('Legenda da Foto 1.1 (opcional)') as HTMLInputElement;
    fireEvent.input(caption, { target: { value: 'Roda de conversa' } });
    fireEvent.change(caption, { target: { value: 'Roda de conversa' } });
    expect(h.onMove).toHaveBeenCalledWith(1);
    expect(h.onDelete).toHaveBeenCalled();
    expect(h.onView).toHaveBeenCalled();
    expect(h.onCaption).toHaveBeenCalledWith('Roda de conversa');
  });

  it('is read-only when the report is frozen', () => {
    render(<PhotoItem photo={photo({ caption: 'Abertura', lat: undefined, lon: undefined })} actionNumber={1} count={1} editable={false} {...handlers()} />);
    expect(screen.queryByRole('button', { name: /Excluir/ })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText('Abertura')).toBeTruthy();
    expect(screen.getByText('sem localização')).toBeTruthy();
  });
});
