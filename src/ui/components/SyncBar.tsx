// first-load module: the queue at a glance on the reports list.
import { outboxOf } from '../../db/outbox';
import { getSession, getSyncState } from '../../db/session';
import { requestDelivery } from '../../sync/request-delivery';
import { syncActivity, useStore } from '../app-events';
import { useDb } from '../db-context';
import { formatDateTime, plural } from '../format';
import { useLiveQuery } from '../hooks/use-live-query';
import { href } from '../hooks/use-route';

const STALE_MS = 3 * 24 * 3600 * 1000;
const when = (iso?: string) => (iso ? formatDateTime(iso) : 'nunca');

export function SyncBar({ ownerId }: { ownerId: string }) {
  const db = useDb();
  const activity = useStore(syncActivity);
  const data = useLiveQuery(async () => {
    const [items, state, session] = await Promise.all([outboxOf(db, ownerId), getSyncState(db), getSession(db)]);
    return { items, state, session };
  }, [db, ownerId]);
  if (!data) return null;
  const { items, state, session } = data;
  const oldest = items.reduce<string | undefined>((o, i) => (!o || i.queuedAt < o ? i.queuedAt : o), undefined);
  const stale = oldest && Date.now() - new Date(oldest).getTime() > STALE_MS;
  const signIn = items.length > 0 && (!session || session.expired);

  return (
    <section class="sync-bar" aria-label="Envio dos relatórios" data-testid="sync-bar">
      <p>
        {items.length === 0
          ? 'Nenhum relatório esperando envio.'
          : `${plural(items.length, 'relatório não enviado', 'relatórios não enviados')}.`}{' '}
        <span class="muted">Última sincronização: {when(state.lastSuccessAt)}.</span>
      </p>
      {stale && (
        <p class="notice" role="alert">
          Há relatório esperando há mais de 3 dias. Procure um lugar com internet (Wi-Fi da prefeitura ou da UBS) e abra o app.
        </p>
      )}
      {signIn && (
        <p class="notice" role="alert">
          {session ? 'Sua sessão expirou.' : 'Você ainda não entrou com sua conta.'} Entre para enviar — nada foi perdido.{' '}
          <a class="button small" href={href.signIn()}>Entrar</a>
        </p>
      )}
      {items.length > 0 && !signIn && (
        <button type="button" class="button small" disabled={activity.running} onClick={() => void requestDelivery('button')}>
          {activity.running ? 'Enviando…' : 'Tentar agora'}
        </button>
      )}
    </section>
  );
}
