import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { photoLabel, type PhotoRecord } from '../../domain/photo';
import { formatKilobytes as kb } from '../format';
import { useObjectUrl } from '../hooks/use-object-url';

export interface PhotoItemProps {
  photo: PhotoRecord;
  actionNumber: number;
  count: number;
  editable: boolean;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
  onCaption(caption: string): void;
  onView(): void;
}


/** One numbered thumbnail with its caption and controls. */
export function PhotoItem(props: PhotoItemProps) {
  const { photo, actionNumber, count, editable } = props;
  const label = photoLabel(actionNumber, photo.number);
  const thumbUrl = useObjectUrl(photo.thumb, `${photo.id}:${photo.sha256}:thumb`);
  const [caption, setCaption] = useState(photo.caption);
  useEffect(() => setCaption(photo.caption), [photo.caption]);
  const hasLocation = photo.lat !== undefined && photo.lon !== undefined;

  return (
    <li class="photo-item" data-photo-id={photo.id}>
      <figure class="photo-figure">
        <button type="button" class="photo-thumb" onClick={props.onView} aria-label={`Ver ${label} em tamanho real`}>
          {thumbUrl ? <img src={thumbUrl} alt={label} /> : <span class="photo-loading">{photo.blob ? '' : 'Carregando foto…'}</span>}
        </button>
        <figcaption class="photo-label">{label}</figcaption>
      </figure>
      <div class="photo-body">
        <p class="photo-meta">
          {photo.width}×{photo.height} · {kb(photo.byteSize)}
          {' · '}
          <span class="photo-location">{hasLocation ? 'com localização' : 'sem localização'}</span>
        </p>
        {editable ? (
          <label class="photo-caption">
            <span class="visually-hidden">Legenda da {label} (opcional)</span>
            <input
              type="text"
              value={caption}
              maxLength={LIMITS.captionChars}
              // short enough for the ~160 px the field has at 360 px; the label says "(opcional)"
              placeholder="Legenda"
              onInput={(e) => setCaption((e.target as HTMLInputElement).value)}
              onChange={(e) => props.onCaption((e.target as HTMLInputElement).value)}
            />
          </label>
        ) : (
          photo.caption && <p class="photo-caption-text">{photo.caption}</p>
        )}
        {editable && (
          <div class="photo-actions">
            <button type="button" class="icon-button" aria-label={`Mover ${label} para cima`} disabled={photo.number === 1}
              onClick={() => props.onMove(-1)}>↑</button>
            <button type="button" class="icon-button" aria-label={`Mover ${label} para baixo`} disabled={photo.number === count}
              onClick={() => props.onMove(1)}>↓</button>
            <button type="button" class="button small danger" aria-label={`Excluir ${label}`} onClick={props.onDelete}>Excluir</button>
          </div>
        )}
      </div>
    </li>
  );
}
