// first-load module: loads a screen's chunk on demand (keeps the first load small).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { markFirstScreen } from '../idle';

export function Lazy<P extends object>({ load, props }: { load: () => Promise<{ default: ComponentType<P> }>; props: P }) {
  // Remember which loader produced C: when the route switches to another lazy screen, the old
  // component must not render with the new screen's props while the new chunk loads.
  const [state, setState] = useState<{ from?: typeof load; C?: ComponentType<P>; failed?: boolean }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setState({ from: load, C: m.default }),
      (error) => {
        console.error('screen failed to load', error);
        if (live) setState({ from: load, failed: true });
      },
    );
    return () => {
      live = false;
    };
  }, [load]);
  const shown = !!state.C && state.from === load;
  useEffect(() => {
    if (shown) markFirstScreen();
  }, [shown]);
  if (state.from !== load) return <p class="loading" aria-busy="true">Carregando…</p>;
  if (state.failed) {
    return (
      <p class="error" role="alert">
        {typeof navigator !== 'undefined' && !navigator.onLine
          ? 'Esta tela precisa de internet na primeira vez que é aberta neste aparelho. Conecte-se e abra de novo; depois ela funciona sem conexão. Seus dados continuam salvos no celular.'
          : 'Esta tela não pôde ser carregada. Se o app acabou de ser atualizado, recarregue a página. Seus dados continuam salvos no celular.'}
      </p>
    );
  }
  if (!state.C) return <p class="loading" aria-busy="true">Carregando…</p>;
  const C = state.C;
  return <C {...props} />;
}
