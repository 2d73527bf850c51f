import { useEffect, useRef } from 'preact/hooks';
import { photoLabel, type PhotoRecord } from '../../domain/photo';
import { useObjectUrl } from '../hooks/use-object-url';

/** The stored (compressed) photo at full size, over the editor. */
export function PhotoViewer(props: { photo: PhotoRecord; actionNumber: number; onClose(): void }) {
  const { photo, actionNumber, onClose } = props;
  const label = photoLabel(actionNumber, photo.number);
  const url = useObjectUrl(photo.blob, `${photo.id}:${photo.sha256}:full`);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div class="photo-viewer" role="dialog" aria-modal="true" aria-label={label}>
      <div class="photo-viewer-bar">
        <strong>{label}</strong>
        <button ref={close} type="button" class="button small" onClick={onClose}>Fechar</button>
      </div>
      {url && <img class="photo-full" src={url} alt={`${label}${photo.caption ? `: ${photo.caption}` : ''}`} />}
    </div>
  );
}
