import { useEffect } from 'preact/hooks';

/** A short message with an optional action ("Desfazer"), closing itself after `timeout` ms. */
export function Snackbar(props: { message: string; actionLabel?: string; onAction?: () => void; onClose: () => void; timeout?: number }) {
  const { message, actionLabel, onAction, onClose, timeout = 8000 } = props;
  useEffect(() => {
    const t = setTimeout(onClose, timeout);
    return () => clearTimeout(t);
  }, [message, onClose, timeout]);
  return (
    <div class="snackbar" role="status" aria-live="polite">
      <span>{message}</span>
      {actionLabel && onAction && (
        <button type="button" class="snackbar-action" onClick={onAction}>
          {actionLabel}
        </button>
      )}
      <button type="button" class="icon-button" aria-label="Fechar aviso" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
