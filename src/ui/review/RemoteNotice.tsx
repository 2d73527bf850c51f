import { href } from '../hooks/use-route';
import type { Remote } from './use-remote';
import { formatSavedAt } from '../format';

/** Loading, offline-with-cached-data, expired session, other failures, or when the data was last updated. */
export function RemoteNotice({ remote, updated }: { remote: Remote<unknown>; /** say when it was last updated */ updated?: boolean }) {
  const { error, data, savedAt, loading } = remote;
  const retry = (
    <button type="button" class="button small" onClick={remote.reload} disabled={loading}>
      Tentar de novo
    </button>
  );
  if (error?.kind === 'expired') {
    return (
      <p class="error" role="alert">
        {error.message} <a href={href.signIn()}>Entre de novo</a>
      </p>
    );
  }
  if (error && data !== undefined) {
    return (
      <p class="notice" role="status">
        <span>
          {error.kind === 'offline' ? 'Sem conexão' : error.message} — mostrando dados de {savedAt ? formatSavedAt(savedAt) : '—'}
        </span>
        {retry}
      </p>
    );
  }
  if (error) {
    return (
      <p class="error" role="alert">
        {error.message} {retry}
      </p>
    );
  }
  if (loading && data === undefined) return <p class="loading" aria-busy="true">Carregando…</p>;
  // Refreshes are quiet (the data stays on screen); only the time moves.
  if (updated && savedAt && !remote.fromCache) return <p class="updated-at" data-testid="updated-at">Atualizado às {clock(savedAt)}</p>;
  return null;
}

/** "09:05" in the device's time zone */
const clock = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
