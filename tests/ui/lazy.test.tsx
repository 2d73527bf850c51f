// A lazy screen whose chunk cannot be fetched (runtime chunks are fetched the first time they open).
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lazy } from '../../src/ui/components/Lazy';

const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
const loaded = () => Promise.resolve({ default: ({ name }: { name: string }) => <p>Tela de {name}</p> });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Lazy', () => {
  it('renders the screen once its chunk loads', async () => {
    render(<Lazy load={loaded} props={{ name: 'parceiros' }} />);
    expect(await screen.findByText('Tela de parceiros')).toBeTruthy();
  });

  it('offline, a chunk never fetched says it needs the network the first time', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Lazy load={failing} props={{}} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('precisa de internet na primeira vez');
    expect(alert.textContent).toContain('Seus dados continuam salvos no celular');
  });

  it('online, a failed chunk suggests reloading (an update replaced it)', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Lazy load={failing} props={{}} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('recarregue a página');
    expect(alert.textContent).not.toContain('primeira vez');
  });
});
