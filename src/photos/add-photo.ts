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
import { isAbortError, isQuotaError } from '../domain/errors';
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
    throw await storeError(error, input.fileName, options);
  }
}

async function storeError(error: unknown, fileName: string, options: AddPhotoOptions): Promise<unknown> {
  // before the abort check: Dexie may report a quota failure as a transaction AbortError whose inner error is the quota
  if (isQuotaError(error)) {
    let usage: StorageEstimate = {};
    try {
      usage = (await options.storage?.estimate()) ?? {};
    } catch {
      // estimate unsupported
    }
    await ensurePersisted(options.storage);
    return new PhotoError('storage-full', { fileName, usageBytes: usage.usage, quotaBytes: usage.quota }, { cause: error });
  }
  if (isAbortError(error) || error instanceof PhotoError) return error;
  if (error instanceof PhotoRefusedError) {
    return new PhotoError(error.reason, {
      fileName,
      existingLabel: error.existingNumber && options.actionNumber ? photoLabel(options.actionNumber, error.existingNumber) : undefined,
    });
  }
  if (error instanceof ReportLockedError) return new PhotoError('locked', { fileName }, { cause: error });
  return error;
}
