// Stage 1 of the pipeline: read the leading bytes of the agent's file, detect the real type from
// them (never from the name), and read the EXIF fields and the pixel size we need to plan the decode.
import { abortReason } from '../domain/errors';
import { PHOTO_TARGET } from '../domain/limits';
import { sniffImageType, type SniffedType } from '../domain/photo';
import { readExif, type ExifInfo } from './exif';
import { PhotoError } from './photo-errors';
import { EOI, jpegSegments, SOS } from '../domain/jpeg';

/** EXIF sits in APP1 at the start of a JPEG (≤ 64 KB); the frame header follows soon after. */
const HEAD_BYTES = 256 * 1024;

export type DecodableType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/heic' | 'image/avif';

export interface PhotoInput {
  file: Blob;
  fileName: string;
  fileSize: number;
  lastModified?: number;
  type: DecodableType;
  exif: ExifInfo;
  /** stored pixel size from the header, when we could read it */
  storedSize?: { width: number; height: number };
  /** the size after EXIF orientation, i.e. how the photo is meant to be seen */
  displaySize?: { width: number; height: number };
}

/** Width and height of the first frame, from the header: JPEG SOFn, PNG IHDR, WebP VP8/VP8L/VP8X. */
export function readImageSize(bytes: Uint8Array, type: SniffedType): { width: number; height: number } | undefined {
  const b = bytes;
  const u16 = (o: number) => (b[o] << 8) | b[o + 1];
  const u32 = (o: number) => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
  const ok = (s: { width: number; height: number }) => (s.width > 0 && s.height > 0 ? s : undefined);
  if (type === 'image/jpeg') {
    for (const s of jpegSegments(b)) {
      if (s.marker === SOS || s.marker === EOI) return undefined;
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
      if (s.marker >= 0xc0 && s.marker <= 0xcf && s.marker !== 0xc4 && s.marker !== 0xc8 && s.marker !== 0xcc) {
        return s.start + 5 <= b.length ? ok({ height: u16(s.start + 1), width: u16(s.start + 3) }) : undefined;
      }
    }
    return undefined;
  }
  if (type === 'image/png' && b.length >= 24) return ok({ width: u32(16), height: u32(20) });
  if (type === 'image/webp' && b.length >= 30) {
    const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
    if (chunk === 'VP8 ') return ok({ width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff });
    if (chunk === 'VP8L') {
      const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
      return ok({ width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 });
    }
    if (chunk === 'VP8X') {
      return ok({ width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) });
    }
  }
  return undefined;
}

/**
 * True when a JPEG's primary image reaches its end marker: the first EOI (FF D9) after the first
 * start-of-scan. Entropy-coded data never contains FF D9, and an EXIF thumbnail's EOI sits before
 * the scan, so this catches files cut off mid-download or mid-copy. Decoders that render partial
 * images (an <img>, used by browser-image-compression) would otherwise accept a half-grey photo.
 */
export function isCompleteJpeg(bytes: Uint8Array): boolean {
  for (const s of jpegSegments(bytes)) {
    if (s.marker === EOI) return false;
    if (s.marker !== SOS) continue;
    for (let k = s.offset + 2; k + 1 < bytes.length; k++) if (bytes[k] === 0xff && bytes[k + 1] === 0xd9) return true;
  }
  return false;
}

/** Orientations 5–8 turn the picture by 90°, so the displayed width is the stored height. */
export function orientedSize(size: { width: number; height: number }, orientation = 1): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: size.height, height: size.width } : { ...size };
}

function throwIfAborted(signal: AbortSignal) {
  if (signal.aborted) throw abortReason(signal);
}

/** Reads what the next stages need; refuses empty files, non-images, videos and oversize files. */
export async function readPhoto(signal: AbortSignal, file: File | Blob, fileName = (file as File).name ?? ''): Promise<PhotoInput> {
  throwIfAborted(signal);
  if (file.size === 0) throw new PhotoError('empty', { fileName });
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  throwIfAborted(signal);
  const sniffed = sniffImageType(head);
  if (sniffed === 'empty') throw new PhotoError('empty', { fileName });
  if (sniffed === 'video') throw new PhotoError('video', { fileName });
  if (sniffed === 'unknown') throw new PhotoError('not-image', { fileName });
  if (file.size > PHOTO_TARGET.maxInputBytes) throw new PhotoError('too-large', { fileName, byteSize: file.size });
  const exif = sniffed === 'image/jpeg' ? readExif(head) : {};
  const storedSize = readImageSize(head, sniffed);
  // Only JPEG orientation is read here; for other containers the size is left to the decoder.
  const displaySize = storedSize && (sniffed === 'image/jpeg' || sniffed === 'image/png')
    ? orientedSize(storedSize, exif.orientation)
    : undefined;
  const lastModified = (file as File).lastModified;
  return { file, fileName, fileSize: file.size, lastModified, type: sniffed, exif, storedSize, displaySize };
}
