// first-load module
import { useState } from 'preact/hooks';
import { updateAvailable, useStore } from '../app-events';

/** "Nova versão disponível — Atualizar". Mounted only on the reports list, never over a form. */
export function UpdateBanner() {
  const update = useStore(updateAvailable);
  const [busy, setBusy] = useState(false);
  if (!update) return null;
  return (
    <div class="banner" role="status">
      <span>Nova versão disponível.</span>
      <button
        type="button"
        class="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void update.apply();
        }}
      >
        Atualizar
      </button>
    </div>
  );
}
