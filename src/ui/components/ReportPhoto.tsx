import { useRef, useState } from 'preact/hooks';
import { photoLabel } from '../../domain/photo';
import { usePhotoUrl, type LoadPhoto } from '../hooks/use-photo-url';
import { mapUrl, type PhotoView } from '../report-view';
import { PhotoDialog } from './PhotoDialog';
import './photo-picker.css';

/** A numbered report photo ("Foto 1.2"); tap to enlarge (Esc closes, focus returns); map link with GPS. */
export function ReportPhoto({ photo, actionNumber, load, map = true }: { photo: PhotoView; actionNumber: number; load?: LoadPhoto; map?: boolean }) {
  const { url, failed } = usePhotoUrl(photo, load);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const label = photoLabel(actionNumber, photo.number);
  const alt = `${label}${photo.caption ? `: ${photo.caption}` : ''}`;
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <figure class="report-photo">
      {url ? (
        <button ref={opener} type="button" class="photo-open" onClick={() => setOpen(true)} aria-label={`Ampliar ${label}`}>
          <img src={url} alt={alt} loading="lazy" />
        </button>
      ) : (
        <div class="photo-missing">{failed ? 'Foto indisponível (sem conexão?)' : 'Carregando foto…'}</div>
      )}
      <figcaption>
        <strong>{label}</strong>
        {photo.caption && ` — ${photo.caption}`}
        {map && photo.lat !== undefined && photo.lon !== undefined && (
          <>
            {' '}
            <a class="map-link" href={mapUrl(photo.lat, photo.lon)} target="_blank" rel="noopener noreferrer">Ver no mapa</a>
          </>
        )}
      </figcaption>
      {open && url && <PhotoDialog url={url} label={label} alt={alt} onClose={close} />}
    </figure>
  );
}
