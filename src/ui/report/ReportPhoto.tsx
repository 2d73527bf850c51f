import { useRef, useState } from 'preact/hooks';
import { photoLabel } from '../../domain/photo';
import { usePhotoUrl, type LoadPhoto } from './use-photo-url';
import type { PhotoView } from './report-view';
import { PhotoDialog } from '../components/PhotoDialog';
import '../components/photo-picker.css';
import './report.css';

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

/** OpenStreetMap at the photo's position (an outgoing link; no tiles are embedded). */
export function mapUrl(lat: number, lon: number): string {
  const la = lat.toFixed(6);
  const lo = lon.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}`;
}
