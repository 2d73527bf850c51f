import { PasswordField } from '../components/Fields';
import { useState } from 'preact/hooks';
import { apiBaseUrl } from '../../sync/config';
import { requestSession, SignInFailed } from '../../sync/sign-in';
import { adoptSession, deviceName } from '../adopt-session';
import { useDb } from '../db-context';
import { href, navigate } from '../hooks/use-route';

const MESSAGES: Record<SignInFailed['code'], string> = {
  invalid_credentials: 'Usuário ou senha incorretos. Confira e tente de novo.',
  rate_limited: 'Muitas tentativas seguidas. Aguarde um minuto e tente de novo.',
  offline: 'Sem conexão com a regional. Entrar precisa de internet uma vez; depois o app funciona sem ela.',
  server: 'O servidor da regional não respondeu como esperado. Tente de novo em alguns minutos.',
};

/** Sign-in (needs the network once). Also the welcome screen of a phone with no profile yet. */
export default function SignIn({ welcome }: { welcome: boolean }) {
  const db = useDb();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!login.trim() || !password) {
      setError('Informe usuário e senha.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const answer = await requestSession({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl() }, login, password, deviceName());
      await adoptSession(db, answer);
      navigate(href.list());
    } catch (err) {
      setError(err instanceof SignInFailed ? err.serverMessage && err.code !== 'offline' ? err.serverMessage : MESSAGES[err.code] : 'Não foi possível entrar. Tente de novo.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <header class="top">
        {!welcome && <a class="back" href={href.list()}>‹ Voltar</a>}
        <h1>{welcome ? 'Bem-vindo ao Mobiliza' : 'Entrar'}</h1>
      </header>
      {welcome && (
        <p class="lead">
          Registre as ações de mobilização social do seu município e envie o relatório mensal à sua Unidade Regional de Saúde —
          mesmo sem internet. Entre com a conta que a sua regional criou para você.
        </p>
      )}
      <div class="field">
        <label for="s-login">Usuário</label>
        <input id="s-login" type="text" autocomplete="username" autocapitalize="none" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
      </div>
      <PasswordField id="s-password" label="Senha" autocomplete="current-password" value={password} onChange={setPassword} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="button primary block" disabled={busy}>
        {busy ? 'Entrando…' : 'Entrar'}
      </button>
      {welcome && (
        <a class="button link block" href={href.profile()}>
          Começar sem conta (entre depois para enviar)
        </a>
      )}
    </form>
  );
}

