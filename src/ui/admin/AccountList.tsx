import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../domain/accounts-api';
import { findMunicipality } from '../../domain/municipality';
import { formatDateTime as formatWhen } from '../format';
import type { RemoteError } from '../review/review-api';
import type { AccountQuery, AdminApi } from './admin-api';
import { adminHref } from './admin-routes';

export const ROLE_LABEL: Record<Account['role'], string> = { agent: 'Agente municipal', regional: 'Unidade regional', central: 'Nível central' };

export function placeOf(a: { role: Account['role']; municipalityCode?: string; regional?: string }): string {
  if (a.role === 'agent') return findMunicipality(a.municipalityCode ?? '')?.name ?? a.municipalityCode ?? '';
  if (a.role === 'regional') return `URS ${a.regional ?? ''}`;
  return 'SES-MG';
}

/** Accounts the manager may change, a page at a time ("Carregar mais"). */
export function AccountList({ api, query, empty }: { api: AdminApi; query: AccountQuery; empty: string }) {
  const [pages, setPages] = useState<{ accounts: Account[]; next: string | null } | undefined>();
  const [error, setError] = useState<RemoteError | undefined>();
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(query);

  const load = async (after?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await api.accounts({ ...query, after });
      setPages((p) => ({ accounts: [...(after && p ? p.accounts : []), ...page.accounts], next: page.next }));
    } catch (e) {
      setError(e as RemoteError);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setPages(undefined);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  return (
    <div>
      {error && (
        <p class="error" role="alert">
          {error.message} <button type="button" class="button small" onClick={() => load()}>Tentar de novo</button>
        </p>
      )}
      {!pages && !error && <p class="loading" aria-busy="true">Carregando…</p>}
      {pages && pages.accounts.length === 0 && <p class="empty">{empty}</p>}
      {pages && pages.accounts.length > 0 && (
        <ul class="cards">
          {pages.accounts.map((a) => (
            <li key={a.id} class="card">
              <a class="card-link" href={adminHref.account(a.id)}>
                <span class="card-title review-title">{a.name}</span>
                <span class="card-counts">
                  {a.login} · {ROLE_LABEL[a.role]} · {placeOf(a)}
                </span>
                <span class={`badge ${a.disabled ? 'account-disabled' : a.lastSeenAt ? 'nucleo-active' : ''}`}>
                  {a.disabled ? 'Desativada' : a.lastSeenAt ? `Visto em ${formatWhen(a.lastSeenAt)}` : a.pendingCodeExpiresAt ? 'Aguardando primeiro acesso' : 'Nunca entrou'}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {pages?.next && (
        <button type="button" class="button secondary block" disabled={busy} onClick={() => load(pages.next ?? undefined)}>
          {busy ? 'Carregando…' : 'Carregar mais'}
        </button>
      )}
    </div>
  );
}
