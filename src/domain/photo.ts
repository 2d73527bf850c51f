import * as z from 'zod/mini';
import { LIMITS, PHOTO_MIME_TYPES } from './limits';

export const SHA256_RE = /^[0-9a-f]{64}$/;

/** A photo as referenced by a report submission (the bytes travel separately, by sha256). */
const between = (min: number, max: number, error?: string) => z.number().check(z.gte(min, { error }), z.lte(max, { error }));
const intBetween = (min: number, max: number, error?: string) => z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error }));

export const PhotoRefSchema = z.strictObject({
  sha256: z.string().check(z.regex(SHA256_RE, { error: 'identificador (sha256) inválido' })),
  number: intBetween(1, LIMITS.photosPerAction, 'número da foto inválido'),
  caption: z.optional(z.string().check(z.maxLength(LIMITS.captionChars, { error: `legenda com mais de ${LIMITS.captionChars} caracteres` }))),
  takenAt: z.optional(z.iso.datetime({ offset: true, error: 'data da foto inválida' })),
  lat: z.optional(between(-90, 90, 'latitude inválida')),
  lon: z.optional(between(-180, 180, 'longitude inválida')),
  mimeType: z.enum(PHOTO_MIME_TYPES, { error: 'tipo de imagem não aceito (use JPEG, WebP ou PNG)' }),
  byteSize: intBetween(1, LIMITS.photoMaxBytes, 'tamanho da foto inválido (máximo 2 MB)'),
  width: intBetween(1, 20000, 'largura da foto inválida'),
  height: intBetween(1, 20000, 'altura da foto inválida'),
});
export type PhotoRef = z.infer<typeof PhotoRefSchema>;

/** "Foto 2.3": photo 3 of action 2. */
export function photoLabel(actionNumber: number, photoNumber: number): string {
  return `Foto ${actionNumber}.${photoNumber}`;
}

/** Detects JPEG, PNG, WebP (and recognisable non-images) from the leading bytes. */
export type SniffedType =
  | 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/heic' | 'image/avif'
  | 'video' | 'empty' | 'unknown';

export function sniffImageType(bytes: Uint8Array): SniffedType {
  const b = bytes;
  if (b.length === 0) return 'empty';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    return 'video'; // mp4, mov (qt), 3gp …
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video'; // webm/mkv
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
  return 'unknown';
}

/** A stored photo on the phone (Dexie row). The full-size original is never kept. */
export interface PhotoRecord {
  id: string;
  actionId: string;
  reportId: string;
  number: number;
  caption: string;
  /** hex sha256 of `blob`'s bytes: the content ID used to upload each photo once */
  sha256: string;
  mimeType: (typeof PHOTO_MIME_TYPES)[number];
  byteSize: number;
  width: number;
  height: number;
  /** ISO 8601: EXIF DateTimeOriginal, else the file's lastModified */
  takenAt?: string;
  lat?: number;
  lon?: number;
  fileName: string;
  fileSize: number;
  /**
   * The bytes (≤ 1600 px) and a thumbnail. Absent on a photo of a report downloaded from the
   * endpoint until the agent opens that report (then fetched at the stored size and cached).
   */
  blob?: Blob;
  thumb?: Blob;
  createdAt: string;
}
