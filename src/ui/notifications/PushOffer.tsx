// On the agent's list, once a report has reached the regional: explain the notifications and ask
// permission (from the tap, never on first load); where the browser cannot push, say so once.
import { useEffect, useState } from 'preact/hooks';
import { getPushPrefs, patchPushPrefs } from '../../db/notification-settings';
import { enablePush, pushAvailability, registerDailyStatusPull, type EnableOutcome } from '../../sync/push-subscription';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { pushEnv, sessionHttp } from './push-env';

export const PUSH_TEXT = {
  offer:
    'Receber um aviso no celular, mesmo com o app fechado, quando a regional devolver ou aprovar um relatório e quando o prazo estiver chegando?',
  enable: 'Ativar avisos',
  later: 'Agora não',
  on: 'Avisos ativados neste aparelho. Você pode desativá-los em Configurações.',
  denied: 'Avisos não permitidos. O prazo e a situação dos relatórios continuam nesta lista, a cada abertura do app.',
  failed: 'Não foi possível ativar os avisos agora (sem internet ou serviço indisponível). Tente de novo em Configurações.',
  unsupported: 'Este navegador não mostra avisos com o app fechado. O prazo e a situação dos relatórios continuam nesta lista, a cada abertura do app.',
  understood: 'Entendi',
} as const;

const RESULT: Record<Exclude<EnableOutcome, 'dismissed'>, string> = { on: PUSH_TEXT.on, denied: PUSH_TEXT.denied, failed: PUSH_TEXT.failed };

export function PushOffer({ delivered }: { delivered: boolean }) {
  const db = useDb();
  const prefs = useLiveQuery(() => getPushPrefs(db), [db]);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);
  const availability = pushAvailability();

  // Deadline reminders without push: a daily status pull where the browser offers it.
  useEffect(() => {
    void pushEnv().then((env) => env && registerDailyStatusPull(env.registration));
  }, []);

  if (result) return <p class="push-offer" role="status" data-testid="push-result">{result}</p>;
  if (!prefs || !delivered) return null;

  if (availability === 'unsupported' || availability === 'denied') {
    if (prefs.unsupportedNoticed) return null;
    return (
      <div class="push-offer" role="status" data-testid="push-unsupported">
        <p>{availability === 'denied' ? PUSH_TEXT.denied : PUSH_TEXT.unsupported}</p>
        <button type="button" class="button" onClick={() => void patchPushPrefs(db, { unsupportedNoticed: true })}>{PUSH_TEXT.understood}</button>
      </div>
    );
  }
  if (prefs.offered || prefs.subscribed) return null;

  const enable = async () => {
    setBusy(true);
    try {
      const [http, env] = await Promise.all([sessionHttp(db), pushEnv()]);
      const outcome: EnableOutcome = http && env ? await enablePush(db, http, env) : 'failed';
      if (outcome !== 'dismissed') setResult(RESULT[outcome]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="push-offer" data-testid="push-offer">
      <p>{PUSH_TEXT.offer}</p>
      <div class="row">
        <button type="button" class="button primary" disabled={busy} onClick={() => void enable()}>{PUSH_TEXT.enable}</button>
        <button type="button" class="button" disabled={busy} onClick={() => void patchPushPrefs(db, { offered: true })}>{PUSH_TEXT.later}</button>
      </div>
    </div>
  );
}
