// The photo pipeline: read → compress (orientation applied once, ≤ 1600 px, ≈ 300 KB) → store the
// compressed Blob, its thumbnail and metadata with the next number, in one transaction.
// The full-size original is never stored.
import { ReportLockedError, type MobilizaDb } from '../db/database';
import { ensurePersisted } from '../db/persistence';
import { addPhotoRecord, photoCountOfAction, PhotoRefusedError } from '../db/photos';
import { getKeepPhotoLocation } from '../db/settings';
import { LIMITS } from '../domain/limits';
import { photoLabel, type PhotoRecord } from '../domain/photo';
import { takenAtIso } from './exif';
import type { PhotoCompressor } from './compress-photo';
import { storageFailureKind } from '../domain/errors';
import { PhotoError } from './photo-errors';
import { readPhoto } from './read-photo';

export interface AddPhotoOptions {
  compressor: PhotoCompressor;
  /** for the duplicate message ("Foto 2.3") */
  actionNumber?: number;
  /** default: the "Guardar localização das fotos" setting */
  keepLocation?: boolean;
  /** navigator.storage, to report usage and ask for persistence */
  storage?: Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;
  now?: () => Date;
}

export async function addPhoto(
  signal: AbortSignal,
  db: MobilizaDb,
  actionId: string,
  file: File | Blob,
  options: AddPhotoOptions,
): Promise<PhotoRecord> {
  const fileName = (file as Partial<File>).name || undefined;
  try {
    return await pipeline(signal, db, actionId, file, options);
  } catch (error) {
    // Only the caller's own signal means "the user cancelled": a failed IndexedDB transaction also
    // reaches us as an AbortError (Dexie's), and that photo was NOT stored.
    if (signal.aborted) throw error;
    throw await classify(error, error instanceof PhotoError ? error.details.fileName ?? fileName : fileName, options);
  }
}

async function pipeline(signal: AbortSignal, db: MobilizaDb, actionId: string, file: File | Blob, options: AddPhotoOptions): Promise<PhotoRecord> {
  const input = await readPhoto(signal, file);
  // cheap early refusal; addPhotoRecord checks again inside its transaction
  if ((await photoCountOfAction(db, actionId)) >= LIMITS.photosPerAction) {
    throw new PhotoError('limit', { fileName: input.fileName });
  }
  const keepLocation = options.keepLocation ?? (await getKeepPhotoLocation(db));
  const photo = await options.compressor.compress(signal, input);
  signal.throwIfAborted();
  const { exif } = input;
  const takenAt = takenAtIso(exif, input.lastModified);
  await keepReserve(options.storage, photo.blob.size + photo.thumb.size, input.fileName);
  try {
    const record = await addPhotoRecord(
      db,
      {
        actionId,
        caption: '',
        sha256: photo.sha256,
        mimeType: photo.mimeType,
        byteSize: photo.blob.size,
        width: photo.width,
        height: photo.height,
        ...(takenAt ? { takenAt } : {}),
        ...(keepLocation && exif.lat !== undefined && exif.lon !== undefined ? { lat: exif.lat, lon: exif.lon } : {}),
        fileName: input.fileName,
        fileSize: input.fileSize,
        blob: photo.blob,
        thumb: photo.thumb,
      },
      options.now?.() ?? new Date(),
    );
    void ensurePersisted(options.storage);
    return record;
  } catch (error) {
    if (error instanceof PhotoRefusedError) {
      throw new PhotoError(error.reason, {
        fileName: input.fileName,
        existingLabel: error.existingNumber && options.actionNumber ? photoLabel(options.actionNumber, error.existingNumber) : undefined,
      });
    }
    throw error;
  }
}

/** Refuses a write that would leave less than LIMITS.storageReserveBytes free: better a named
 * "não foi salva" now than a disk filled to the last byte (see LIMITS). No estimate: no check. */
async function keepReserve(storage: AddPhotoOptions['storage'], bytes: number, fileName: string): Promise<void> {
  let usage: StorageEstimate;
  try {
    usage = (await storage?.estimate()) ?? {};
  } catch {
    return;
  }
  if (usage.quota === undefined || usage.usage === undefined) return;
  if (usage.quota - usage.usage >= bytes + LIMITS.storageReserveBytes) return;
  throw new PhotoError('storage-full', { fileName, usageBytes: usage.usage, quotaBytes: usage.quota });
}

/** Any failure that is not a cancellation becomes a PhotoError that names the file. */
async function classify(error: unknown, fileName: string | undefined, options: AddPhotoOptions): Promise<PhotoError> {
  if (error instanceof PhotoError) return error.details.fileName || !fileName ? error : new PhotoError(error.code, { ...error.details, fileName }, { cause: error });
  if (error instanceof ReportLockedError) return new PhotoError('locked', { fileName }, { cause: error });
  const kind = storageFailureKind(error);
  if (!kind) return new PhotoError('failed', { fileName }, { cause: error });
  let usage: StorageEstimate = {};
  try {
    usage = (await options.storage?.estimate()) ?? {};
  } catch {
    // estimate unsupported
  }
  await ensurePersisted(options.storage).catch(() => {});
  return new PhotoError(kind === 'quota' ? 'storage-full' : 'storage-failed', { fileName, usageBytes: usage.usage, quotaBytes: usage.quota }, { cause: error });
}
