// Opening `#/entrar?codigo=…` on a phone: the single-use code signs it in; the person chooses the
// password for later sign-ins and names the device. Nobody else ever sees the password.
import { PasswordField } from '../components/Fields';
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_MIN_CHARS, type AccessCodeInfo } from '../../domain/access';
import { apiBaseUrl } from '../../sync/config';
import { AccessCodeFailed, checkAccessCode, redeemAccessCode, type AccessCodeError } from '../../sync/access-code';
import { adoptSession, deviceName } from '../adopt-session';
import { useDb } from '../db-context';
import { href } from '../hooks/use-route';

export const ACCESS_CODE_MESSAGES: Record<AccessCodeError, string> = {
  access_code_invalid: 'Este link de acesso não é válido. Confira se ele foi copiado inteiro ou peça um novo acesso a quem cuida da sua conta.',
  access_code_used: 'Este link de acesso já foi usado. Entre com seu usuário e a senha que você escolheu, ou peça um novo acesso.',
  access_code_expired: 'Este link de acesso venceu. Peça um novo acesso a quem cuida da sua conta (a sua unidade regional).',
  account_disabled: 'Esta conta está desativada. Fale com a sua unidade regional.',
  invalid_request: 'Confira a senha escolhida.',
  rate_limited: 'Muitas tentativas seguidas. Aguarde alguns minutos e tente de novo.',
  offline: 'Sem conexão com o servidor. O primeiro acesso precisa de internet; depois o app funciona sem ela.',
  server: 'O servidor não respondeu como esperado. Tente de novo em alguns minutos.',
};

const messageOf = (e: unknown) =>
  e instanceof AccessCodeFailed
    ? (e.code === 'invalid_request' && e.serverMessage) || ACCESS_CODE_MESSAGES[e.code]
    : 'Não foi possível usar o link de acesso. Tente de novo.';

export default function RedeemAccess({ code }: { code: string }) {
  const db = useDb();
  const api = { fetch: (i: RequestInfo | URL, init?: RequestInit) => fetch(i, init), baseUrl: apiBaseUrl() };
  const [info, setInfo] = useState<AccessCodeInfo | undefined>();
  const [failure, setFailure] = useState<AccessCodeFailed | undefined>();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [device, setDevice] = useState(deviceName);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const check = async () => {
    setFailure(undefined);
    try {
      setInfo(await checkAccessCode(api, code));
    } catch (e) {
      setFailure(e instanceof AccessCodeFailed ? e : new AccessCodeFailed('server'));
    }
  };
  useEffect(() => {
    void check();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password.length < PASSWORD_MIN_CHARS) return setError(`A senha precisa de pelo menos ${PASSWORD_MIN_CHARS} caracteres.`);
    if (password !== repeat) return setError('As duas senhas não são iguais. Digite de novo.');
    setBusy(true);
    setError('');
    try {
      await adoptSession(db, await redeemAccessCode(api, code, password, device.trim()));
      // The code is spent: keep it out of the history.
      location.replace(href.list());
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof AccessCodeFailed && err.code !== 'invalid_request' && err.code !== 'offline' && err.code !== 'server') {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <header class="top">
        <h1>Primeiro acesso ao Mobiliza</h1>
      </header>
      {!info && !failure && <p class="loading" aria-busy="true">Conferindo o link de acesso…</p>}
      {failure && (
        <>
          <p class="error" role="alert">{messageOf(failure)}</p>
          {(failure.code === 'offline' || failure.code === 'server' || failure.code === 'rate_limited') && (
            <button type="button" class="button block" onClick={check}>Tentar de novo</button>
          )}
          <a class="button link block" href={href.signIn()}>Entrar com usuário e senha</a>
        </>
      )}
      {info && !failure && (
        <>
          <p class="lead">
            Olá, <strong>{info.name}</strong>! Seu usuário é <strong data-testid="redeem-login">{info.login}</strong>. Escolha uma senha: com ela você entra
            neste ou em outro celular. Ninguém mais fica sabendo a sua senha.
          </p>
          <PasswordField id="r-password" label={`Nova senha (pelo menos ${PASSWORD_MIN_CHARS} caracteres)`} autocomplete="new-password" value={password} onChange={setPassword} />
          <PasswordField id="r-repeat" label="Repita a senha" autocomplete="new-password" value={repeat} onChange={setRepeat} />
          <div class="field">
            <label for="r-device">Nome deste aparelho</label>
            <input id="r-device" type="text" maxLength={100} value={device} onInput={(e) => setDevice(e.currentTarget.value)} />
            <p class="hint">Aparece para a sua regional na lista de aparelhos da sua conta (por exemplo, "Celular da Ana").</p>
          </div>
          {error && <p class="error" role="alert">{error}</p>}
          <button type="submit" class="button primary block" disabled={busy}>
            {busy ? 'Entrando…' : 'Salvar senha e entrar'}
          </button>
        </>
      )}
    </form>
  );
}
