import type { SaveStatus } from '../autosave';
import { SAVE_STATUS_TEXT, saveErrorMessage } from '../messages';

/** Discreet "Salvo" after the write has finished; a clear message when it failed. */
export function SaveIndicator({ status, error }: { status: SaveStatus; error?: unknown }) {
  return (
    <div class="save-indicator">
      <span class={`save-status save-${status}`} role="status" aria-live="polite" data-testid="save-status">
        {SAVE_STATUS_TEXT[status]}
      </span>
      {status === 'error' && (
        <p class="error" role="alert">
          {saveErrorMessage(error)}
        </p>
      )}
    </div>
  );
}
