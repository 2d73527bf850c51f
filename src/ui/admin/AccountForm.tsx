import { useMemo, useState } from 'preact/hooks';
import type { Account, CreatedAccount, NewAccount } from '../../domain/accounts-api';
import { findMunicipality, REGIONALS, searchMunicipalities } from '../../domain/municipality';
import type { User } from '../../domain/api';
import { navigate } from '../hooks/use-route';
import type { RemoteError } from '../review/review-api';
import type { AdminApi } from './admin-api';
import { adminHref } from './admin-routes';
import { ROLE_LABEL } from './AccountList';

type Role = Account['role'];

/** Create (with a first access code) or edit an account; the role and place offered follow the manager's own. */
export function AccountForm(props: {
  api: AdminApi;
  actor: User;
  account?: Account;
  municipality?: string;
  role?: string;
  onCreated?(c: CreatedAccount): void;
  onSaved?(a: Account): void;
}) {
  const { api, actor, account } = props;
  const roles: Role[] = actor.role === 'central' ? ['agent', 'regional', 'central'] : ['agent'];
  const [role, setRole] = useState<Role>(account?.role ?? (roles.includes(props.role as Role) ? (props.role as Role) : 'agent'));
  const [name, setName] = useState(account?.name ?? '');
  const [code, setCode] = useState(account?.municipalityCode ?? props.municipality ?? '');
  const [place, setPlace] = useState(() => findMunicipality(account?.municipalityCode ?? props.municipality ?? '')?.name ?? '');
  const [regional, setRegional] = useState(account?.regional ?? '');
  const [phone, setPhone] = useState(account?.phone ?? '');
  const [email, setEmail] = useState(account?.email ?? '');
  const [login, setLogin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const self = account?.id === actor.id;

  const suggestions = useMemo(() => {
    if (!place.trim() || findMunicipality(code)?.name === place) return [];
    return searchMunicipalities(place, 40).filter((m) => actor.role === 'central' || m.regional === actor.regional).slice(0, 8);
  }, [place, code, actor]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    if (role === 'agent' && !findMunicipality(code)) return setError('Escolha o município na lista.');
    if (role === 'regional' && !regional) return setError('Escolha a unidade regional.');
    setBusy(true);
    const body: NewAccount = {
      name,
      role,
      ...(role === 'agent' ? { municipalityCode: code } : {}),
      ...(role === 'regional' ? { regional } : {}),
      phone,
      email,
    };
    try {
      if (account) {
        const saved = await api.update(account.id, self ? { name, phone, email } : body);
        props.onSaved?.(saved);
      } else {
        const created = await api.create({ ...body, ...(login.trim() ? { login: login.trim() } : {}) });
        props.onCreated?.(created);
        navigate(adminHref.account(created.account.id));
      }
    } catch (err) {
      setError((err as RemoteError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form account-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="a-name">Nome completo</label>
        <input id="a-name" type="text" autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
      </div>
      {!self && (
        <div class="field">
          <label for="a-role">Papel</label>
          <select id="a-role" value={role} disabled={roles.length === 1} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
          </select>
        </div>
      )}
      {!self && role === 'agent' && (
        <div class="field">
          <label for="a-municipality">Município</label>
          <input id="a-municipality" type="search" autocomplete="off" value={place} placeholder="Digite o nome do município"
            onInput={(e) => { setPlace(e.currentTarget.value); setCode(''); }} aria-describedby="a-municipality-hint" />
          <p id="a-municipality-hint" class="hint">
            {findMunicipality(code) ? `${findMunicipality(code)?.name} — unidade regional ${findMunicipality(code)?.regional}` : 'Escolha na lista abaixo.'}
          </p>
          {suggestions.length > 0 && (
            <ul class="suggestions" role="listbox" aria-label="Municípios encontrados">
              {suggestions.map((m) => (
                <li key={m.code}>
                  <button type="button" class="button link" onClick={() => { setCode(m.code); setPlace(m.name); }}>
                    {m.name} <span class="hint">({m.regional})</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!self && role === 'regional' && (
        <div class="field">
          <label for="a-regional">Unidade regional de saúde</label>
          <select id="a-regional" value={regional} onChange={(e) => setRegional(e.currentTarget.value)}>
            <option value="">Escolha…</option>
            {REGIONALS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </div>
      )}
      <div class="field">
        <label for="a-phone">Celular (WhatsApp) — opcional</label>
        <input id="a-phone" type="tel" autocomplete="off" value={phone} placeholder="(31) 99999-0000" onInput={(e) => setPhone(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="a-email">E-mail — opcional</label>
        <input id="a-email" type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      {!account && (
        <div class="field">
          <label for="a-login">Usuário — opcional</label>
          <input id="a-login" type="text" autocapitalize="none" autocomplete="off" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
          <p class="hint">Em branco: feito a partir do nome (por exemplo, ana.souza).</p>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="button primary block" disabled={busy}>
        {busy ? 'Salvando…' : account ? 'Salvar alterações' : 'Criar conta e gerar acesso'}
      </button>
    </form>
  );
}
