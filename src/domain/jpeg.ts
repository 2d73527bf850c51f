/** One marker segment of a JPEG: `offset` of its FF xx marker, payload from `start` to `end`. */
export interface JpegSegment {
  marker: number;
  offset: number;
  start: number;
  end: number;
}

export const SOS = 0xda;
export const EOI = 0xd9;
export const APP1 = 0xe1;

/**
 * Walks a JPEG's marker segments from the start-of-image up to and including the start of scan
 * (SOS) or an end-of-image (EOI), skipping fill bytes and the parameterless markers. Stops quietly at
 * malformed data, so callers treat "not found" and "not readable" alike. The one marker walk shared
 * by the EXIF reader, the header size reader, the truncation check and the server's EXIF checks.
 */
export function* jpegSegments(bytes: Uint8Array): Generator<JpegSegment> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return;
  let i = 2;
  while (i + 2 <= bytes.length) {
    if (bytes[i] !== 0xff) return;
    const marker = bytes[i + 1];
    if (marker === 0xff) { i += 1; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    if (marker === EOI) { yield { marker, offset: i, start: i + 2, end: i + 2 }; return; }
    if (i + 4 > bytes.length) return;
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2) return;
    yield { marker, offset: i, start: i + 4, end: Math.min(i + 2 + length, bytes.length) };
    if (marker === SOS) return;
    i += 2 + length;
  }
}

/** True for an APP1 segment that carries EXIF ("Exif\0\0"). */
export function isExifSegment(bytes: Uint8Array, s: JpegSegment): boolean {
  const p = s.start;
  return (
    s.marker === APP1 && s.end - p >= 6 &&
    bytes[p] === 0x45 && bytes[p + 1] === 0x78 && bytes[p + 2] === 0x69 && bytes[p + 3] === 0x66 && bytes[p + 4] === 0 && bytes[p + 5] === 0
  );
}
