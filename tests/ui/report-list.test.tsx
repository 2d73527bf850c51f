import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateAvailable } from '../../src/ui/app-events';
import { DbContext } from '../../src/ui/db-context';
import { ReportList } from '../../src/ui/screens/ReportList';
import { freshDb } from '../helpers/fresh-db';

afterEach(() => {
  cleanup();
  updateAvailable.set(null);
});

const profile = { municipalityCode: '3106200', municipalityName: 'Belo Horizonte', regional: 'Belo Horizonte', name: 'Ana', role: 'RT', phone: '', email: '' };

describe('ReportList: the update prompt', () => {
  it('appears on the reports list and applies the update when asked', async () => {
    const db = freshDb();
    const apply = vi.fn(async () => {});
    render(<DbContext.Provider value={db}><ReportList profile={profile} /></DbContext.Provider>);
    await screen.findByRole('heading', { name: 'Relatórios mensais' });
    expect(screen.queryByText('Nova versão disponível.')).toBeNull();
    updateAvailable.set({ apply });
    fireEvent.click(await screen.findByRole('button', { name: 'Atualizar' }));
    expect(apply).toHaveBeenCalledOnce();
  });
});
