import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { photoLabel, sniffImageType } from '../../src/domain/photo';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../shared/fixtures/photos/${name}`, import.meta.url)));

describe('sniffImageType', () => {
  it('detects the type from the bytes, not the file name', () => {
    expect(sniffImageType(fixture('orientation-1_landscape_labeled.jpg'))).toBe('image/jpeg');
    expect(sniffImageType(fixture('png_android-screenshot_1440x2560.png'))).toBe('image/png');
    expect(sniffImageType(fixture('heic_iphone-xs-max_12mp_gps.heic'))).toBe('image/heic');
    expect(sniffImageType(fixture('not-an-image_text.jpg'))).toBe('unknown');
    expect(sniffImageType(new Uint8Array())).toBe('empty');
  });

  it('recognises WebP, GIF and video containers', () => {
    const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    expect(sniffImageType(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(ascii('GIF89a......'))).toBe('image/gif');
    expect(sniffImageType(ascii('\0\0\0\x18ftypmp42\0\0\0\0'))).toBe('video');
    expect(sniffImageType(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe('video');
  });

  it('labels photos by action and photo number', () => {
    expect(photoLabel(2, 3)).toBe('Foto 2.3');
  });
});
