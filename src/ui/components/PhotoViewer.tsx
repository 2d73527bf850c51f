import { photoLabel, type PhotoRecord } from '../../domain/photo';
import { useObjectUrl } from '../hooks/use-object-url';
import { PhotoDialog } from './PhotoDialog';

/** The stored (compressed) photo at full size, over the editor. */
export function PhotoViewer(props: { photo: PhotoRecord; actionNumber: number; onClose(): void }) {
  const { photo, actionNumber, onClose } = props;
  const label = photoLabel(actionNumber, photo.number);
  const url = useObjectUrl(photo.blob, `${photo.id}:${photo.sha256}:full`);
  return url ? <PhotoDialog url={url} label={label} alt={`${label}${photo.caption ? `: ${photo.caption}` : ''}`} onClose={onClose} /> : null;
}
