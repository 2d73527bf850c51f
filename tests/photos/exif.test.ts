import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExifTiff, parseExifDate, readExif, takenAtIso } from '../../src/photos/exif';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../shared/fixtures/photos/${name}`, import.meta.url)));
const manifest = JSON.parse(readFileSync(new URL('../../../shared/fixtures/photos/manifest.json', import.meta.url), 'utf8')) as {
  files: { file: string; detected_mime: string; exif_orientation: number | null; has_gps: boolean; date_time_original: string | null }[];
};
const jpegs = manifest.files.filter((f) => f.detected_mime === 'image/jpeg');

/** Builds a JPEG head with one big-endian EXIF block (IFD0 → Exif IFD + GPS IFD). */
function syntheticJpeg(opts: { orientation?: number; date?: string; offset?: string; lat?: [number, number, number]; latRef?: string; lon?: [number, number, number]; lonRef?: string }) {
  const out: number[] = [];
  const u16 = (v: number) => out.push((v >> 8) & 255, v & 255);
  const u32 = (v: number) => out.push((v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  // TIFF header
  out.push(0x4d, 0x4d); u16(42); u32(8);
  // IFD0 at 8: orientation, exif ptr, gps ptr
  const ifd0 = [[0x0112, 3, 1, opts.orientation ?? 1], [0x8769, 4, 1, 0], [0x8825, 4, 1, 0]];
  const ifd0Size = 2 + ifd0.length * 12 + 4;
  const exifAt = 8 + ifd0Size;
  const exifEntries = 2;
  const exifSize = 2 + exifEntries * 12 + 4;
  const dateAt = exifAt + exifSize;
  const offsetAt = dateAt + 20;
  const gpsAt = offsetAt + 8;
  const gpsSize = 2 + 4 * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const lonAt = latAt + 24;
  ifd0[1][3] = exifAt; ifd0[2][3] = gpsAt;
  u16(ifd0.length);
  for (const [tag, type, count, value] of ifd0) { u16(tag); u16(type); u32(count); if (type === 3) { u16(value); u16(0); } else u32(value); }
  u32(0);
  u16(exifEntries);
  u16(0x9003); u16(2); u32(20); u32(dateAt);
  u16(0x9011); u16(2); u32(7); u32(offsetAt);
  u32(0);
  const ascii = (s: string, n: number) => { for (let k = 0; k < n; k++) out.push(k < s.length ? s.charCodeAt(k) : 0); };
  ascii(opts.date ?? '', 20);
  ascii(opts.offset ?? '', 8);
  u16(4);
  u16(1); u16(2); u32(2); out.push((opts.latRef ?? 'N').charCodeAt(0), 0, 0, 0);
  u16(2); u16(5); u32(3); u32(latAt);
  u16(3); u16(2); u32(2); out.push((opts.lonRef ?? 'E').charCodeAt(0), 0, 0, 0);
  u16(4); u16(5); u32(3); u32(lonAt);
  u32(0);
  for (const v of opts.lat ?? [0, 0, 0]) { u32(Math.round(v * 100)); u32(100); }
  for (const v of opts.lon ?? [0, 0, 0]) { u32(Math.round(v * 100)); u32(100); }
  const tiff = out;
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const len = app1.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, (len >> 8) & 255, len & 255, ...app1, 0xff, 0xda, 0, 2]);
}

describe('readExif', () => {
  it.each(jpegs.map((f) => [f.file, f] as const))('reads orientation, date and GPS presence of %s as in the manifest', (_name, f) => {
    const info = readExif(fixture(f.file));
    expect(info.orientation ?? 1).toBe(f.exif_orientation ?? 1);
    expect(info.dateTimeOriginal ?? null).toBe(f.date_time_original ? f.date_time_original.replace(/^(\d+):(\d+):(\d+) /, '$1-$2-$3T') : null);
    expect(info.lat !== undefined && info.lon !== undefined).toBe(f.has_gps);
  });

  it('converts GPS degrees/minutes/seconds with S/W to negative decimal degrees', () => {
    const info = readExif(syntheticJpeg({ orientation: 6, date: '2026:11:05 09:30:00', offset: '-03:00', lat: [19, 55, 1.5], latRef: 'S', lon: [43, 56, 16.2], lonRef: 'W' }));
    expect(info).toEqual({ orientation: 6, dateTimeOriginal: '2026-11-05T09:30:00', offsetTimeOriginal: '-03:00', lat: -19.9170833, lon: -43.9378333 });
    expect(takenAtIso(info, undefined)).toBe('2026-11-05T09:30:00-03:00');
  });

  it('reads the real Nikon GPS position (northern, western hemisphere)', () => {
    const info = readExif(fixture('gps_nikon-coolpix-p6000.jpg'));
    expect(info.lat).toBeCloseTo(43.47, 1);
    expect(info.lon).toBeCloseTo(11.88, 1);
  });

  it('treats a void GPS IFD (0/0) as no position', () => {
    expect(readExif(fixture('orientation-8_leica-t_16mp.jpg')).lat).toBeUndefined();
    expect(readExif(syntheticJpeg({ date: '0000:00:00 00:00:00' }))).toEqual({ orientation: 1 });
  });

  it('never throws on damaged or foreign data', () => {
    const good = syntheticJpeg({ orientation: 3, lat: [1, 2, 3], lon: [4, 5, 6] });
    for (let cut = 0; cut < good.length; cut += 7) expect(() => readExif(good.subarray(0, cut))).not.toThrow();
    const scrambled = good.slice();
    for (let k = 20; k < scrambled.length; k += 3) scrambled[k] = 0xff;
    expect(() => readExif(scrambled)).not.toThrow();
    expect(readExif(fixture('not-an-image_text.jpg'))).toEqual({});
    expect(readExif(fixture('png_android-screenshot_1440x2560.png'))).toEqual({});
    expect(findExifTiff(new Uint8Array([0xff, 0xd8, 0xff, 0xda]))).toBeUndefined();
  });
});

describe('parseExifDate / takenAtIso', () => {
  it('accepts only real dates', () => {
    expect(parseExifDate('2012:12:31 16:06:20')).toBe('2012-12-31T16:06:20');
    expect(parseExifDate('    :  :     :  :  ')).toBeUndefined();
    expect(parseExifDate('2012:13:31 16:06:20')).toBeUndefined();
  });

  it('falls back to the file date when EXIF has none', () => {
    expect(takenAtIso({}, Date.UTC(2026, 10, 2, 12))).toBe('2026-11-02T12:00:00.000Z');
    expect(takenAtIso({}, 0)).toBeUndefined();
    expect(takenAtIso({ dateTimeOriginal: '2012-12-31T16:06:20' }, 5)).toBe(new Date(2012, 11, 31, 16, 6, 20).toISOString());
  });
});
