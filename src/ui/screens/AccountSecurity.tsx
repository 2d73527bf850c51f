// Configurações → "Senha e aparelhos": the signed-in user's devices (sign out one, or all the
// others) and their own password. Needs the network; says so when it is missing.
import { PasswordField } from '../components/Fields';
import { useEffect, useState } from 'preact/hooks';
import { DeviceListSchema, PASSWORD_MIN_CHARS, type Device } from '../../domain/access';
import type { Session } from '../../domain/session';
import { apiBaseUrl } from '../../sync/config';
import { createHttpClient, HttpError } from '../../sync/http';
import { markSessionExpired } from '../../db/session';
import { useDb } from '../db-context';
import { formatDateTime } from '../format';

function failureText(e: unknown): string {
  if (e instanceof HttpError) {
    if (e.status === 401) return 'Sua sessão expirou. Entre de novo para continuar.';
    return e.body?.error?.message ?? 'O servidor recusou a operação.';
  }
  return 'Sem conexão com o servidor. Tente de novo quando houver internet.';
}

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

export function AccountSecurity({ session }: { session: Session }) {
  const db = useDb();
  const http = createHttpClient({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl(), token: session.token });
  const [devices, setDevices] = useState<Device[] | undefined>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [others, setOthers] = useState(true);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError('');
    try {
      return await work();
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) await markSessionExpired(db);
      setError(failureText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const load = () =>
    run(async () => {
      const r = DeviceListSchema.safeParse(await (await http.request('GET', '/me/devices')).json());
      if (r.success) setDevices(r.data.devices);
    });
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.token]);

  const revoke = (d: Device) =>
    run(async () => {
      await http.request('DELETE', `/me/devices/${encodeURIComponent(d.id)}`);
      setMessage(`"${d.deviceName || 'Aparelho'}" foi desconectado.`);
      await load();
    });
  const revokeOthers = () =>
    run(async () => {
      const r = (await (await http.request('POST', '/me/devices/revoke-others')).json()) as { revoked: number };
      setMessage(r.revoked === 0 ? 'Nenhum outro aparelho estava conectado.' : `${r.revoked} ${r.revoked === 1 ? 'aparelho desconectado' : 'aparelhos desconectados'}.`);
      await load();
    });
  const changePassword = async (e: Event) => {
    e.preventDefault();
    setMessage('');
    if (next.length < PASSWORD_MIN_CHARS) return setError(`A nova senha precisa de pelo menos ${PASSWORD_MIN_CHARS} caracteres.`);
    if (next !== repeat) return setError('As duas senhas novas não são iguais.');
    await run(async () => {
      const body = JSON.stringify({ currentPassword: current, newPassword: next, signOutOthers: others });
      await http.request('PUT', '/me/password', { body, contentType: 'application/json', bytes: body.length });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage(others ? 'Senha alterada. Os outros aparelhos precisam entrar de novo.' : 'Senha alterada.');
      await load();
    });
  };

  const otherDevices = devices?.filter((d) => !d.current) ?? [];
  return (
    <section class="section" aria-labelledby="security-title">
      <h2 id="security-title">Senha e aparelhos</h2>
      {message && <p class="notice" role="status">{message}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {devices === undefined ? (
        !error && <p class="loading" aria-busy="true">Consultando aparelhos…</p>
      ) : (
        <ul class="devices">
          {devices.map((d) => (
            <li key={d.id} class="device">
              <span>
                <strong>{d.deviceName || 'Aparelho sem nome'}</strong>
                {d.current ? ' (este aparelho)' : ''} · entrou em {when(d.createdAt)} · visto em {when(d.lastSeenAt)}
              </span>
              {!d.current && (
                <button type="button" class="button small danger" disabled={busy} onClick={() => void revoke(d)}>Desconectar</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {otherDevices.length > 0 && (
        <button type="button" class="button" disabled={busy} onClick={() => void revokeOthers()}>Sair dos outros aparelhos</button>
      )}
      <form class="form" onSubmit={changePassword} noValidate>
        <h3>Trocar senha</h3>
        <PasswordField id="pw-current" label="Senha atual" autocomplete="current-password" value={current} onChange={setCurrent} />
        <PasswordField id="pw-new" label={`Nova senha (pelo menos ${PASSWORD_MIN_CHARS} caracteres)`} autocomplete="new-password" value={next} onChange={setNext} />
        <PasswordField id="pw-repeat" label="Repita a nova senha" autocomplete="new-password" value={repeat} onChange={setRepeat} />
        <label class="choice">
          <input type="checkbox" checked={others} onChange={(e) => setOthers(e.currentTarget.checked)} />
          <span>Sair dos outros aparelhos</span>
        </label>
        <button type="submit" class="button" disabled={busy || !current}>Trocar senha</button>
      </form>
    </section>
  );
}
