import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MobilizaDb } from '../../db/database';
import { deletePhoto, movePhoto, photosOfAction, restorePhoto, setPhotoCaption } from '../../db/photos';
import { LIMITS, PHOTO_TARGET } from '../../domain/limits';
import type { PhotoRecord } from '../../domain/photo';
import { addPhoto } from '../../photos/add-photo';
import { createPhotoCompressor } from '../../photos/compress-photo';
import { PhotoError } from '../../photos/photo-errors';
import { photoErrorMessage, progressMessage } from '../messages';
import { createPhotoQueue, type QueueProgress } from '../../photos/photo-queue';
import { useLiveQuery } from '../hooks/use-live-query';
import { PhotoItem } from './PhotoItem';
import { PhotoViewer } from './PhotoViewer';
import { Snackbar } from './Snackbar';
import './photo-picker.css';

export interface PhotoPickerProps {
  db: MobilizaDb;
  actionId: string;
  actionNumber: number;
  editable: boolean;
}

interface ShownError {
  id: number;
  text: string;
}

const MESSAGE_LIMITS = { photosPerAction: LIMITS.photosPerAction, maxInputBytes: PHOTO_TARGET.maxInputBytes };

function messageFor(error: unknown, fileName: string): string {
  if (error instanceof PhotoError) {
    if (error.code === 'failed') console.error('photo failed', (error.cause as Error | undefined)?.name, String(error.cause ?? error));
    if (error.code.startsWith('storage')) console.warn('photo not stored', (error.cause as Error | undefined)?.name, String(error.cause));
    return photoErrorMessage(error, MESSAGE_LIMITS);
  }
  if ((error as { name?: string })?.name === 'ReportLockedError') return photoErrorMessage(new PhotoError('locked'), MESSAGE_LIMITS);
  console.error('photo failed', error);
  return photoErrorMessage(new PhotoError('failed', { fileName }), MESSAGE_LIMITS);
}

/** Numbered proof photos of one action: capture/gallery, progress, reorder, caption, delete with undo. */
export function PhotoPicker({ db, actionId, actionNumber, editable }: PhotoPickerProps) {
  const photos = useLiveQuery(() => photosOfAction(db, actionId), [db, actionId]);
  const [progress, setProgress] = useState<QueueProgress | null>(null);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [deleted, setDeleted] = useState<PhotoRecord | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const nextErrorId = useRef(1);
  const numberRef = useRef(actionNumber);
  numberRef.current = actionNumber;

  const showError = useCallback((text: string) => setErrors((list) => [...list, { id: nextErrorId.current++, text }]), []);

  // One compressor (its worker stops when idle) and one sequential queue per mounted picker.
  const { queue, compressor } = useMemo(() => {
    const compressor = createPhotoCompressor();
    const queue = createPhotoQueue(
      (signal, file) => addPhoto(signal, db, actionId, file, {
        compressor,
        actionNumber: numberRef.current,
        storage: typeof navigator !== 'undefined' ? navigator.storage : undefined,
      }),
      { onProgress: setProgress, onError: (file, error) => showError(messageFor(error, file.name)) },
    );
    return { queue, compressor };
  }, [db, actionId, showError]);
  useEffect(() => () => { queue.cancel(); compressor.dispose(); }, [queue, compressor]);

  const count = photos?.length ?? 0;
  const onFiles = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = ''; // the same file can be chosen again later
    if (!files.length) return;
    // addPhoto refuses files past the limit (before compressing them), each with its name
    queue.add(files);
  };

  const run = (change: () => Promise<unknown>) => change().catch((error) => showError(messageFor(error, '')));
  const remove = (photo: PhotoRecord) => run(async () => setDeleted(await deletePhoto(db, photo.id)));
  const undo = () => {
    const photo = deleted;
    setDeleted(null);
    if (photo) void run(() => restorePhoto(db, photo));
  };
  const closeSnackbar = useCallback(() => setDeleted(null), []);
  const shown = viewing ? photos?.find((p) => p.id === viewing) : undefined;
  const full = count >= LIMITS.photosPerAction;

  return (
    <section class="section photos" aria-labelledby={`photos-${actionId}`}>
      <h2 id={`photos-${actionId}`}>Fotos comprobatórias</h2>
      <p class="hint">
        Toda ação precisa de pelo menos uma foto (até {LIMITS.photosPerAction}). As fotos são numeradas
        como “Foto {actionNumber}.1”, “Foto {actionNumber}.2”… e reduzidas para economizar dados.
      </p>

      {photos === undefined ? (
        <p class="loading">Carregando fotos…</p>
      ) : count === 0 ? (
        <p class="empty">Nenhuma foto ainda.</p>
      ) : (
        <ol class="photo-list" aria-label={`Fotos da ação ${actionNumber}`}>
          {photos.map((photo) => (
            <PhotoItem
              key={photo.id}
              photo={photo}
              actionNumber={actionNumber}
              count={count}
              editable={editable}
              onMove={(delta) => void run(() => movePhoto(db, photo.id, delta))}
              onDelete={() => void remove(photo)}
              onCaption={(caption) => void run(() => setPhotoCaption(db, photo.id, caption))}
              onView={() => setViewing(photo.id)}
            />
          ))}
        </ol>
      )}

      {progress && (
        <p class="photo-progress" role="status">
          <span>{progressMessage(progress.current, progress.total)}</span>
          <progress max={progress.total} value={progress.current - 1} aria-hidden="true" />
          <button type="button" class="button small" onClick={() => queue.cancel()}>Cancelar</button>
        </p>
      )}

      {errors.length > 0 && (
        <div class="error photo-errors" role="alert">
          <ul>
            {errors.map((e) => <li key={e.id}>{e.text}</li>)}
          </ul>
          <button type="button" class="button small" onClick={() => setErrors([])}>Fechar avisos</button>
        </div>
      )}

      {editable && !full && (
        <div class="photo-inputs">
          <label class="button primary photo-input">
            Tirar foto
            <input type="file" accept="image/*" capture="environment" class="visually-hidden" onChange={onFiles} />
          </label>
          <label class="button secondary photo-input">
            Escolher da galeria
            <input type="file" accept="image/*" multiple class="visually-hidden" onChange={onFiles} />
          </label>
        </div>
      )}
      {editable && full && <p class="hint">Limite de {LIMITS.photosPerAction} fotos atingido. Exclua uma para adicionar outra.</p>}

      {deleted && <Snackbar message="Foto excluída" actionLabel="Desfazer" onAction={undo} onClose={closeSnackbar} />}

      {shown && <PhotoViewer photo={shown} actionNumber={actionNumber} onClose={() => setViewing(null)} />}
    </section>
  );
}
