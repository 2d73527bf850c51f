import { useEffect, useRef } from 'preact/hooks';

/** A photo at full size over the screen; "Fechar" gets the focus, Esc closes. */
export function PhotoDialog({ url, label, alt, onClose }: { url: string; label: string; alt: string; onClose(): void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="photo-viewer" role="dialog" aria-modal="true" aria-label={label}>
      <div class="photo-viewer-bar">
        <strong>{label}</strong>
        <button ref={closeButton} type="button" class="button small" onClick={onClose}>Fechar</button>
      </div>
      <img class="photo-full" src={url} alt={alt} />
    </div>
  );
}
