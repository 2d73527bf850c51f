import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import type { Duplicate } from '../../src/domain/api';
import type { Session } from '../../src/domain/session';
import { DbContext } from '../../src/ui/db-context';
import { Duplicates } from '../../src/ui/review/Duplicates';
import { createReviewApi } from '../../src/ui/review/review-api';
import { freshDb } from '../helpers/fresh-db';

const session: Session = { token: 't-central', expiresAt: '2027-01-01T00:00:00.000Z', user: { id: 'u-c', login: 'central', name: 'Central', role: 'central' } };
const dup = (over: Partial<Duplicate> = {}): Duplicate => ({
  reportId: '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e51', municipalityCode: '3106200', period: '2026-11', foundAt: '2026-12-01T00:00:00.000Z',
  duplicate: { protocol: 'MG-2026-11-3106200-0002', revision: 1, status: 'received', actionCount: 2, receivedAt: '2026-11-21T12:00:00.000Z' },
  kept: { id: '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e50', protocol: 'MG-2026-11-3106200-0001', revision: 1, status: 'received', actionCount: 3, receivedAt: '2026-11-20T12:00:00.000Z' },
  resolution: null, mergedRevision: null, resolvedAt: null, resolvedBy: null, ...over,
});

let db: MobilizaDb;
beforeEach(() => { db = freshDb(); });
afterEach(() => { cleanup(); db.close(); });

describe('central: reports in duplicate', () => {
  it('lists open duplicates; "Juntar ações" posts merge and the list empties', async () => {
    let open = [dup()];
    const calls: string[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).replace(/^.*\/api\/v1/, '');
      calls.push(`${init?.method ?? 'GET'} ${path} ${typeof init?.body === 'string' ? init.body : ''}`.trim());
      if (path === '/duplicates') return Response.json({ duplicates: open, next: null });
      const merged = dup({ resolution: 'merged', mergedRevision: 2, resolvedAt: '2026-12-02T00:00:00.000Z', resolvedBy: 'Central' });
      open = [];
      return Response.json({ duplicate: merged });
    }) as unknown as typeof globalThis.fetch;
    const api = createReviewApi({ fetch, baseUrl: 'http://servidor', token: session.token, onExpired: () => {} });
    render(<DbContext.Provider value={db}><Duplicates session={session} api={api} /></DbContext.Provider>);
    await screen.findByText('Relatórios em duplicidade (1)');
    expect(screen.getByTestId('duplicate').textContent).toContain('Belo Horizonte — novembro de 2026');
    expect(screen.getByTestId('duplicate').textContent).toContain('MG-2026-11-3106200-0002');
    fireEvent.click(screen.getByRole('button', { name: 'Juntar ações' }));
    await waitFor(() => expect(calls).toContain(`POST /duplicates/${dup().reportId}/resolve {"resolution":"merge"}`));
    await waitFor(() => expect(screen.queryByText(/Relatórios em duplicidade/)).toBeNull());
  });

  it('shows nothing when there is no duplicate', async () => {
    const fetch = vi.fn(async () => Response.json({ duplicates: [], next: null })) as unknown as typeof globalThis.fetch;
    const api = createReviewApi({ fetch, baseUrl: 'http://servidor', token: session.token, onExpired: () => {} });
    const { container } = render(<DbContext.Provider value={db}><Duplicates session={session} api={api} /></DbContext.Provider>);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});
