import { useEffect, useState } from 'preact/hooks';
import type { AccessCode, AccountDetail, HistoryEntry } from '../../domain/accounts-api';
import type { User } from '../../domain/api';
import { formatDateTime as formatWhen } from '../format';
import type { RemoteError } from '../review/review-api';
import type { AdminApi } from './admin-api';
import { adminHref } from './admin-routes';
import { AccessShare } from './AccessShare';
import { AccountForm } from './AccountForm';
import { placeOf, ROLE_LABEL } from './AccountList';

const HISTORY_LABEL: Record<string, string> = {
  'user.created': 'Conta criada',
  'user.updated': 'Dados alterados',
  'user.disabled': 'Conta desativada',
  'user.enabled': 'Conta reativada',
  'user.access_code_issued': 'Novo acesso gerado',
  'user.access_code_redeemed': 'Acesso usado no aparelho',
  'user.device_revoked': 'Aparelho desconectado',
  'user.other_devices_revoked': 'Outros aparelhos desconectados',
  'user.password_changed': 'Senha alterada pela pessoa',
  'user.password_reset': 'Senha redefinida (linha de comando)',
  'session.created': 'Entrou em um aparelho',
  'session.revoked': 'Saiu de um aparelho',
};

const FIELD_LABEL: Record<string, string> = { name: 'nome', role: 'papel', municipalityCode: 'município', regional: 'unidade', phone: 'celular', email: 'e-mail', disabled: 'desativada' };

function changes(detail: HistoryEntry['detail']): string {
  const before = detail?.before as Record<string, unknown> | undefined;
  const after = detail?.after as Record<string, unknown> | undefined;
  if (!before || !after) return '';
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : v === true ? 'sim' : v === false ? 'não' : String(v));
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => `${FIELD_LABEL[k] ?? k}: ${show(before[k])} → ${show(after[k])}`).join('; ');
}

/** One account: its facts, devices (revoke one), edit, disable/enable, "Novo acesso", history. */
export function AccountPage({ api, actor, id, fresh }: { api: AdminApi; actor: User; id: string; fresh?: AccessCode }) {
  const [detail, setDetail] = useState<AccountDetail | undefined>();
  const [error, setError] = useState<RemoteError | undefined>();
  const [actionError, setActionError] = useState('');
  const [code, setCode] = useState<AccessCode | undefined>(fresh);
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[] | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setError(undefined);
    try {
      setDetail(await api.account(id));
    } catch (e) {
      setError(e as RemoteError);
    }
  };
  useEffect(() => {
    setDetail(undefined);
    setCode(fresh);
    setHistory(undefined);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id]);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setActionError('');
    try {
      await run();
      await load();
      if (history) setHistory(await api.history(id));
    } catch (e) {
      setActionError((e as RemoteError).message);
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <p class="error" role="alert">
        {error.message} <button type="button" class="button small" onClick={load}>Tentar de novo</button>
      </p>
    );
  }
  if (!detail) return <p class="loading" aria-busy="true">Carregando…</p>;
  const a = detail.account;
  const self = a.id === actor.id;

  return (
    <section aria-labelledby="account-title" class="account-page">
      <p><a href={a.municipalityCode ? adminHref.municipality(a.municipalityCode) : adminHref.accounts()}>‹ {a.municipalityCode ? placeOf(a) : 'Contas'}</a></p>
      <h2 id="account-title">{a.name}</h2>
      {a.disabled && <p class="notice" role="status">Conta desativada: não entra em nenhum aparelho. Os dados nos celulares continuam lá.</p>}
      <dl class="facts account-facts">
        <div><dt>Usuário</dt><dd>{a.login}</dd></div>
        <div><dt>Papel</dt><dd>{ROLE_LABEL[a.role]}</dd></div>
        <div><dt>{a.role === 'agent' ? 'Município' : 'Unidade'}</dt><dd>{placeOf(a)}</dd></div>
        <div><dt>Celular</dt><dd>{a.phone ?? '—'}</dd></div>
        <div><dt>E-mail</dt><dd>{a.email ?? '—'}</dd></div>
        <div><dt>Criada em</dt><dd>{formatWhen(a.createdAt)}</dd></div>
        <div><dt>Visto por último</dt><dd>{a.lastSeenAt ? formatWhen(a.lastSeenAt) : 'nunca entrou'}</dd></div>
        <div><dt>Situação</dt><dd>{a.disabled ? 'Desativada' : 'Ativa'}{a.pendingCodeExpiresAt ? ` · acesso pendente até ${formatWhen(a.pendingCodeExpiresAt)}` : ''}</dd></div>
      </dl>

      {code && <AccessShare code={code} name={a.name} login={a.login} />}
      {actionError && <p class="error" role="alert">{actionError}</p>}

      <div class="actions-row">
        {!a.disabled && (
          <button type="button" class="button primary" disabled={busy}
            onClick={() => act(async () => setCode(await api.newAccessCode(a.id)))}>
            Novo acesso
          </button>
        )}
        <button type="button" class="button secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? 'Fechar edição' : 'Editar dados'}
        </button>
        {!self && (
          <button type="button" class={`button ${a.disabled ? 'secondary' : 'danger'}`} disabled={busy}
            onClick={() => {
              if (!a.disabled && !confirm(`Desativar a conta de ${a.name}? Todos os aparelhos dela serão desconectados. Nada é apagado dos celulares.`)) return;
              void act(async () => { await api.setDisabled(a.id, !a.disabled); setCode(undefined); });
            }}>
            {a.disabled ? 'Reativar conta' : 'Desativar conta'}
          </button>
        )}
      </div>
      <p class="hint">"Novo acesso" serve também para quem esqueceu a senha: a pessoa abre o link e escolhe outra.</p>

      {editing && <AccountForm api={api} actor={actor} account={a} onSaved={() => { setEditing(false); void load(); }} />}

      <h3>Aparelhos conectados ({detail.devices.length})</h3>
      {detail.devices.length === 0 ? (
        <p class="empty">Nenhum aparelho conectado.</p>
      ) : (
        <ul class="devices">
          {detail.devices.map((d) => (
            <li key={d.id} class="card device">
              <div>
                <strong>{d.deviceName || 'Aparelho sem nome'}</strong>
                <span class="card-counts"> · entrou em {formatWhen(d.createdAt)} · visto em {formatWhen(d.lastSeenAt ?? d.createdAt)}</span>
              </div>
              <button type="button" class="button small danger" disabled={busy}
                onClick={() => {
                  if (!confirm(`Desconectar "${d.deviceName || 'este aparelho'}"? Ele vai pedir para entrar de novo; o que não foi enviado continua guardado nele.`)) return;
                  void act(() => api.revokeDevice(a.id, d.id));
                }}>
                Desconectar
              </button>
            </li>
          ))}
        </ul>
      )}

      <details class="section" onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open && !history) void api.history(id).then(setHistory, (err) => setActionError((err as RemoteError).message)); }}>
        <summary>Histórico da conta</summary>
        {!history ? <p class="loading" aria-busy="true">Carregando…</p> : (
          <ol class="history">
            {history.map((h, i) => (
              <li key={i}>
                <strong>{HISTORY_LABEL[h.action] ?? h.action}</strong> — {formatWhen(h.at)}{h.actor ? ` por ${h.actor.name}` : ' (sistema)'}
                {changes(h.detail) && <div class="hint">{changes(h.detail)}</div>}
                {typeof h.detail?.deviceName === 'string' && <div class="hint">Aparelho: {h.detail.deviceName}</div>}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
