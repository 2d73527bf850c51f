// first-load module
import { useOnline } from '../hooks/use-online';

export function OnlineIndicator() {
  const online = useOnline();
  return (
    <span class={`online-indicator ${online ? 'is-online' : 'is-offline'}`} role="status" data-testid="online-indicator">
      <span aria-hidden="true" class="dot" />
      {online ? 'Conectado' : 'Sem conexão — tudo fica salvo no celular'}
    </span>
  );
}
