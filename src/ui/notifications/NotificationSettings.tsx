// Configurações → Avisos: state on this device, turn on/off, a test message, the regional digest.
import { useEffect, useState } from 'preact/hooks';
import { patchPushPrefs } from '../../db/notification-settings';
import type { Session } from '../../domain/session';
import { disablePush, enablePush, pushAvailability, pushState, sendTestNotification, type TestOutcome } from '../../sync/push-subscription';
import { useDb } from '../db-context';
import { PUSH_TEXT } from './PushOffer';
import { pushEnv, sessionHttp } from './push-env';

const TEST_TEXT: Record<TestOutcome, string> = {
  sent: 'Notificação de teste enviada: deve aparecer em instantes (com economia de bateria, pode demorar).',
  not_subscribed: 'Avisos desativados neste aparelho. Toque em "Ativar avisos".',
  gone: 'O navegador encerrou a inscrição deste aparelho. Toque em "Ativar avisos" de novo.',
  failed: 'O serviço de avisos do navegador não respondeu. Tente de novo em alguns minutos.',
  offline: 'Sem conexão com o servidor. Conecte-se à internet e tente de novo.',
};

type Known = { subscribed: boolean; regionalDigest: boolean } | 'offline' | undefined;

export function NotificationSettings({ session }: { session: Session | null }) {
  const db = useDb();
  const [known, setKnown] = useState<Known>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const availability = pushAvailability();

  const refresh = async () => {
    const http = await sessionHttp(db);
    if (!http) return setKnown('offline');
    try {
      const s = await pushState(http);
      // The browser may have dropped the subscription on its own: then it is off here too.
      const env = await pushEnv();
      const local = env ? await env.registration.pushManager.getSubscription().catch(() => null) : null;
      const subscribed = s.subscribed && !!local;
      await patchPushPrefs(db, { subscribed });
      setKnown({ subscribed, regionalDigest: s.regionalDigest });
    } catch {
      setKnown('offline');
    }
  };
  useEffect(() => {
    if (session && !session.expired) void refresh();
  }, [session?.token]);

  if (!session) return null;

  const run = async (what: () => Promise<string | void>) => {
    setBusy(true);
    setMessage('');
    try {
      const text = await what();
      if (text) setMessage(text);
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () => run(async () => {
    const [http, env] = await Promise.all([sessionHttp(db), pushEnv()]);
    if (!http || !env) return PUSH_TEXT.failed;
    const outcome = await enablePush(db, http, env);
    return outcome === 'on' ? PUSH_TEXT.on : outcome === 'denied' ? PUSH_TEXT.denied : outcome === 'failed' ? PUSH_TEXT.failed : '';
  });
  const turnOff = () => run(async () => {
    const env = await pushEnv();
    if (env) await disablePush(db, await sessionHttp(db), env);
    return 'Avisos desativados neste aparelho.';
  });
  const test = () => run(async () => {
    const http = await sessionHttp(db);
    return TEST_TEXT[http ? await sendTestNotification(db, http) : 'offline'];
  });
  const digest = (on: boolean) => run(async () => {
    const http = await sessionHttp(db);
    try {
      if (!http) throw new Error('offline');
      await http.request('PUT', '/push/preferences', { body: JSON.stringify({ regionalDigest: on }), contentType: 'application/json' });
      return on ? 'Resumo diário ativado.' : 'Resumo diário desativado.';
    } catch {
      return TEST_TEXT.offline;
    }
  });

  let state: string;
  if (availability === 'unsupported') state = PUSH_TEXT.unsupported;
  else if (availability === 'denied') state = 'Avisos bloqueados neste navegador: para liberar, permita notificações nas configurações do site (ícone ao lado do endereço).';
  else if (known === undefined) state = 'Verificando…';
  else if (known === 'offline') state = TEST_TEXT.offline;
  else state = known.subscribed ? 'Avisos ativados neste aparelho.' : 'Avisos desativados neste aparelho.';
  const canPush = availability !== 'unsupported' && availability !== 'denied';
  const on = typeof known === 'object' && known.subscribed;

  return (
    <section class="section" aria-labelledby="push-title">
      <h2 id="push-title">Avisos</h2>
      <p data-testid="push-state">{state}</p>
      {canPush && typeof known === 'object' && (
        <div class="row">
          {on ? (
            <>
              <button type="button" class="button" disabled={busy} onClick={() => void turnOff()}>Desativar avisos</button>
              <button type="button" class="button" disabled={busy} onClick={() => void test()}>Enviar notificação de teste</button>
            </>
          ) : (
            <button type="button" class="button primary" disabled={busy} onClick={() => void turnOn()}>Ativar avisos</button>
          )}
        </div>
      )}
      {session.user.role === 'regional' && typeof known === 'object' && (
        <label class="check">
          <input type="checkbox" checked={known.regionalDigest} disabled={busy} onChange={(e) => void digest(e.currentTarget.checked)} />
          Resumo diário dos relatórios para revisar (às 8h)
        </label>
      )}
      {message && <p role="status" data-testid="push-message">{message}</p>}
    </section>
  );
}
