import { href } from '../hooks/use-route';
import type { Remote } from './use-remote';
import { formatSavedAt } from '../format';

/** Loading, offline-with-cached-data, expired session and other failures of a reviewer screen. */
export function RemoteNotice({ remote }: { remote: Remote<unknown> }) {
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
  if (loading) return <p class="hint" aria-busy="true">Atualizando…</p>;
  return null;
}
