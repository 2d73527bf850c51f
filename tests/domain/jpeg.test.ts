import { describe, expect, it } from 'vitest';
import { APP1, EOI, isExifSegment, jpegSegments, SOS } from '../../src/domain/jpeg';

const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
const exif = [0x45, 0x78, 0x69, 0x66, 0, 0, 1, 2];

describe('jpegSegments', () => {
  it('walks segments up to the start of scan, skipping fill bytes and parameterless markers', () => {
    const bytes = new Uint8Array([0xff, 0xd8, ...seg(APP1, exif), 0xff, 0xff, 0xff, 0xd0, ...seg(0xdb, [9, 9]), ...seg(SOS, [1]), 0x12, 0xff, 0xd9]);
    const walked = [...jpegSegments(bytes)];
    expect(walked.map((s) => s.marker)).toEqual([APP1, 0xdb, SOS]);
    expect(isExifSegment(bytes, walked[0])).toBe(true);
    expect(isExifSegment(bytes, walked[1])).toBe(false);
    expect([...bytes.subarray(walked[1].start, walked[1].end)]).toEqual([9, 9]);
  });

  it('stops at an end of image, at malformed data and on what is not a JPEG', () => {
    expect([...jpegSegments(new Uint8Array([0xff, 0xd8, 0xff, EOI]))].map((s) => s.marker)).toEqual([EOI]);
    expect([...jpegSegments(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00]))]).toEqual([]);
    expect([...jpegSegments(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01]))]).toEqual([]); // length < 2
    expect([...jpegSegments(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))]).toEqual([]);
  });
});
