import { EOI, isExifSegment, jpegSegments, SOS } from '../domain/jpeg';
// A small, pure EXIF reader for JPEG: orientation, DateTimeOriginal (+ OffsetTimeOriginal) and
// GPS position. It never throws: a damaged or truncated EXIF block yields whatever was readable.

export interface ExifInfo {
  /** 1..8 (TIFF Orientation); undefined when absent */
  orientation?: number;
  /** "YYYY-MM-DDTHH:MM:SS" in the camera's local time */
  dateTimeOriginal?: string;
  /** "+HH:MM" / "-HH:MM" when the camera recorded it (EXIF 2.31 OffsetTimeOriginal) */
  offsetTimeOriginal?: string;
  lat?: number;
  lon?: number;
}

const TAG_ORIENTATION = 0x0112;
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const GPS_LAT_REF = 0x0001;
const GPS_LAT = 0x0002;
const GPS_LON_REF = 0x0003;
const GPS_LON = 0x0004;

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** Finds the TIFF block of the first "Exif\0\0" APP1 segment of a JPEG, or undefined. */
export function findExifTiff(bytes: Uint8Array): Uint8Array | undefined {
  for (const s of jpegSegments(bytes)) {
    if (s.marker === SOS || s.marker === EOI) return undefined; // no EXIF before the image
    if (isExifSegment(bytes, s)) return bytes.subarray(s.start + 6, s.end);
  }
  return undefined;
}

interface Entry {
  type: number;
  count: number;
  /** offset of the value inside the TIFF block */
  valueOffset: number;
}

class Tiff {
  private readonly view: DataView;
  readonly little: boolean;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const order = this.u16raw(0);
    if (order === 0x4949) this.little = true;
    else if (order === 0x4d4d) this.little = false;
    else throw new RangeError('not a TIFF header');
    if (this.u16(2) !== 42) throw new RangeError('bad TIFF magic');
  }

  get length() { return this.bytes.length; }
  private u16raw(o: number) { return this.view.getUint16(o, false); }
  u16(o: number) { return this.view.getUint16(o, this.little); }
  u32(o: number) { return this.view.getUint32(o, this.little); }

  /** Reads an IFD's entries (tag → entry); stops quietly at the end of the block. */
  ifd(offset: number): Map<number, Entry> {
    const entries = new Map<number, Entry>();
    if (offset < 8 || offset + 2 > this.length) return entries;
    const n = this.u16(offset);
    for (let k = 0; k < n; k++) {
      const at = offset + 2 + k * 12;
      if (at + 12 > this.length) break;
      const tag = this.u16(at);
      const type = this.u16(at + 2);
      const count = this.u32(at + 4);
      const size = (TYPE_SIZES[type] ?? 0) * count;
      if (!size) continue;
      const valueOffset = size <= 4 ? at + 8 : this.u32(at + 8);
      if (valueOffset + size > this.length) continue;
      entries.set(tag, { type, count, valueOffset });
    }
    return entries;
  }

  int(e: Entry | undefined): number | undefined {
    if (!e) return undefined;
    if (e.type === 3) return this.u16(e.valueOffset);
    if (e.type === 4 || e.type === 9) return this.u32(e.valueOffset);
    if (e.type === 1 || e.type === 7) return this.bytes[e.valueOffset];
    return undefined;
  }

  ascii(e: Entry | undefined): string | undefined {
    if (!e || e.type !== 2) return undefined;
    let s = '';
    for (let k = 0; k < e.count; k++) {
      const c = this.bytes[e.valueOffset + k];
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  }

  rationals(e: Entry | undefined): number[] | undefined {
    if (!e || (e.type !== 5 && e.type !== 10)) return undefined;
    const out: number[] = [];
    for (let k = 0; k < e.count; k++) {
      const o = e.valueOffset + k * 8;
      const num = e.type === 5 ? this.u32(o) : this.view.getInt32(o, this.little);
      const den = e.type === 5 ? this.u32(o + 4) : this.view.getInt32(o + 4, this.little);
      out.push(den === 0 ? NaN : num / den);
    }
    return out;
  }
}

/** "2012:12:31 16:06:20" → "2012-12-31T16:06:20"; undefined for blank or impossible dates. */
export function parseExifDate(raw: string | undefined): string | undefined {
  const m = raw?.trim().match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

function parseOffset(raw: string | undefined): string | undefined {
  const m = raw?.trim().match(/^([+-])(\d{2}):(\d{2})$/);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined;
  return `${m[1]}${m[2]}:${m[3]}`;
}

function toDegrees(dms: number[] | undefined, ref: string | undefined, max: number): number | undefined {
  if (!dms || dms.length < 1 || dms.some((v) => !Number.isFinite(v))) return undefined;
  const [d, m = 0, s = 0] = dms;
  let value = d + m / 60 + s / 3600;
  if (ref === 'S' || ref === 'W') value = -value;
  if (Math.abs(value) > max) return undefined;
  return Math.round(value * 1e7) / 1e7;
}

/** Reads the EXIF fields we keep from a JPEG's leading bytes (the first 128 KB are plenty). */
export function readExif(bytes: Uint8Array): ExifInfo {
  const block = findExifTiff(bytes);
  if (!block) return {};
  const info: ExifInfo = {};
  try {
    const tiff = new Tiff(block);
    const ifd0 = tiff.ifd(tiff.u32(4));
    const orientation = tiff.int(ifd0.get(TAG_ORIENTATION));
    if (orientation && orientation >= 1 && orientation <= 8) info.orientation = orientation;

    const exifPointer = tiff.int(ifd0.get(TAG_EXIF_IFD));
    if (exifPointer) {
      const exif = tiff.ifd(exifPointer);
      info.dateTimeOriginal = parseExifDate(tiff.ascii(exif.get(TAG_DATE_TIME_ORIGINAL)));
      if (info.dateTimeOriginal) info.offsetTimeOriginal = parseOffset(tiff.ascii(exif.get(TAG_OFFSET_TIME_ORIGINAL)));
    }

    const gpsPointer = tiff.int(ifd0.get(TAG_GPS_IFD));
    if (gpsPointer) {
      const gps = tiff.ifd(gpsPointer);
      const lat = toDegrees(tiff.rationals(gps.get(GPS_LAT)), tiff.ascii(gps.get(GPS_LAT_REF)), 90);
      const lon = toDegrees(tiff.rationals(gps.get(GPS_LON)), tiff.ascii(gps.get(GPS_LON_REF)), 180);
      // A "void" GPS IFD (0/0 … or missing refs) is no position at all.
      if (lat !== undefined && lon !== undefined && !(lat === 0 && lon === 0)) {
        info.lat = lat;
        info.lon = lon;
      }
    }
  } catch {
    // damaged EXIF: keep what was read
  }
  for (const k of Object.keys(info) as (keyof ExifInfo)[]) if (info[k] === undefined) delete info[k];
  return info;
}

/**
 * The moment a photo was taken, as ISO 8601 with an offset: EXIF DateTimeOriginal (+ its offset
 * when recorded, otherwise read in the phone's time zone), else the file's lastModified.
 */
export function takenAtIso(exif: ExifInfo, lastModified: number | undefined): string | undefined {
  if (exif.dateTimeOriginal) {
    if (exif.offsetTimeOriginal) return `${exif.dateTimeOriginal}${exif.offsetTimeOriginal}`;
    const local = new Date(exif.dateTimeOriginal); // no offset → local time, by the ES spec
    if (!Number.isNaN(local.getTime())) return local.toISOString();
  }
  if (lastModified && Number.isFinite(lastModified) && lastModified > 0) return new Date(lastModified).toISOString();
  return undefined;
}
