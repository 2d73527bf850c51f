import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../src/domain/photo';
import { fitWithin, nextAttempt } from '../../src/photos/plan-size';
import { PhotoError } from '../../src/photos/photo-errors';
import { photoErrorMessage } from '../../src/ui/messages';
import { isCompleteJpeg, orientedSize, readImageSize, readPhoto } from '../../src/photos/read-photo';
import { PHOTO_TARGET, LIMITS } from '../../src/domain/limits';

const dir = new URL('../../../shared/fixtures/photos/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  files: { file: string; detected_mime: string; width_x_height: string | null; expected_display_width_x_height: string | null }[];
};
const asFile = (name: string, data = bytes(name)) => new File([data], name, { type: 'image/jpeg', lastModified: 1_700_000_000_000 });
const signal = new AbortController().signal;
const msgLimits = { photosPerAction: LIMITS.photosPerAction, maxInputBytes: PHOTO_TARGET.maxInputBytes };

async function code(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e instanceof PhotoError ? e.code : `other: ${e}`;
  }
  return 'ok';
}

describe('readImageSize', () => {
  const readable = manifest.files.filter((f) => ['image/jpeg', 'image/png'].includes(f.detected_mime) && f.width_x_height);
  it.each(readable.map((f) => [f.file, f] as const))('reads the stored size of %s from its header', (_n, f) => {
    const b = bytes(f.file).subarray(0, 256 * 1024);
    const size = readImageSize(b, sniffImageType(b));
    expect(size && `${size.width}x${size.height}`).toBe(f.width_x_height);
  });

  it('swaps width and height for orientations 5–8 only', () => {
    expect(orientedSize({ width: 4, height: 3 }, 6)).toEqual({ width: 3, height: 4 });
    expect(orientedSize({ width: 4, height: 3 }, 3)).toEqual({ width: 4, height: 3 });
  });
});

describe('isCompleteJpeg', () => {
  it('finds the truncated fixture and accepts every whole JPEG', () => {
    expect(isCompleteJpeg(bytes('corrupt_truncated-mid-scan_htc-one-m8.jpg'))).toBe(false);
    for (const f of manifest.files.filter((m) => m.detected_mime === 'image/jpeg' && m.file !== 'corrupt_truncated-mid-scan_htc-one-m8.jpg')) {
      expect(isCompleteJpeg(bytes(f.file)), f.file).toBe(true);
    }
  });

  it('is not fooled by the EOI of the EXIF thumbnail', () => {
    const whole = bytes('orientation-3_iphone5_8mp_gps.jpg');
    expect(isCompleteJpeg(whole.subarray(0, whole.length - 2))).toBe(false);
    expect(isCompleteJpeg(whole.subarray(0, 64 * 1024))).toBe(false);
  });
});

describe('readPhoto', () => {
  it('gives the display size the manifest expects for every JPEG/PNG', async () => {
    for (const f of manifest.files.filter((m) => m.expected_display_width_x_height && ['image/jpeg', 'image/png'].includes(m.detected_mime))) {
      const input = await readPhoto(signal, asFile(f.file));
      expect(`${input.displaySize?.width}x${input.displaySize?.height}`, f.file).toBe(f.expected_display_width_x_height);
    }
  });

  it('detects the type from the bytes: a PNG named .jpg is a PNG', async () => {
    const input = await readPhoto(signal, asFile('screenshot.jpg', bytes('png_android-screenshot_1440x2560.png')));
    expect(input.type).toBe('image/png');
    expect(input.fileName).toBe('screenshot.jpg');
  });

  it('refuses empty files, text, video and oversize files with typed errors', async () => {
    expect(await code(readPhoto(signal, asFile('vazio.jpg', new Uint8Array())))).toBe('empty');
    expect(await code(readPhoto(signal, asFile('not-an-image_text.jpg')))).toBe('not-image');
    const mp4 = new Uint8Array([0, 0, 0, 0x18, ...[...'ftypmp42'].map((c) => c.charCodeAt(0)), 0, 0, 0, 0]);
    expect(await code(readPhoto(signal, asFile('video.jpg', mp4)))).toBe('video');
    const big = new File([bytes('tiny_fujifilm-e500_59x100.jpg'), new Uint8Array(PHOTO_TARGET.maxInputBytes)], 'big.jpg');
    expect(await code(readPhoto(signal, big))).toBe('too-large');
  });

  it('lets HEIC through to the decoder (Safari can read it) and labels it', async () => {
    const input = await readPhoto(signal, asFile('heic_iphone-xs-max_12mp_gps.heic'));
    expect(input.type).toBe('image/heic');
    expect(input.displaySize).toBeUndefined();
  });

  it('stops when cancelled', async () => {
    const c = new AbortController();
    c.abort(new DOMException('x', 'AbortError'));
    await expect(readPhoto(c.signal, asFile('tiny_fujifilm-e500_59x100.jpg'))).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('photoErrorMessage', () => {
  it('speaks Portuguese, names the file and tells what to do', () => {
    const heic = photoErrorMessage(new PhotoError('heic', { fileName: 'IMG_0001.HEIC' }), msgLimits);
    expect(heic).toContain('IMG_0001.HEIC');
    expect(heic).toContain('Mais compatível');
    expect(heic).toContain('JPEG');
    expect(photoErrorMessage(new PhotoError('storage-full', { usageBytes: 500 * 1024 * 1024, quotaBytes: 512 * 1024 * 1024 }), msgLimits))
      .toContain('Em uso: 500 MB de 512 MB');
    expect(photoErrorMessage(new PhotoError('duplicate', { existingLabel: 'Foto 2.1' }), msgLimits)).toBe('Esta foto já foi adicionada a esta ação (Foto 2.1).');
    expect(photoErrorMessage(new PhotoError('corrupt', { fileName: 'a.jpg' }), msgLimits)).toMatch(/danificado/);
  });
});

describe('fitWithin / nextAttempt', () => {
  it('scales the long side to 1600 and never up', () => {
    expect(fitWithin({ width: 4048, height: 3036 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 2448, height: 3264 }, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin({ width: 59, height: 100 }, 1600)).toEqual({ width: 59, height: 100 });
  });

  it('respects the canvas pixel cap even for a very long panorama', () => {
    const s = fitWithin({ width: 30000, height: 20000 }, 100_000, PHOTO_TARGET.maxCanvasPixels);
    expect(s.width * s.height).toBeLessThanOrEqual(PHOTO_TARGET.maxCanvasPixels);
    const thin = fitWithin({ width: 100_000, height: 1 }, 1600);
    expect(thin).toEqual({ width: 1600, height: 1 });
  });

  it('lowers quality first, then shrinks', () => {
    const first = nextAttempt({ size: { width: 1600, height: 1200 }, quality: 0.65 }, 400_000, 300_000);
    expect(first).toEqual({ size: { width: 1600, height: 1200 }, quality: 0.5 });
    const second = nextAttempt(first, 400_000, 300_000);
    expect(second.quality).toBe(0.5);
    expect(second.size.width).toBeLessThan(1600);
    expect(second.size.width / second.size.height).toBeCloseTo(4 / 3, 2);
  });
});
