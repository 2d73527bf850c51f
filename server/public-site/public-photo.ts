// Published photos are re-encoded from decoded pixels (sharp/libvips), so nothing of the original
// file survives: no EXIF, no GPS, no maker notes, no thumbnail. Orientation is applied to the
// pixels first. Two sizes, each under its byte limit (quality steps down until it fits).
import sharp from 'sharp';

export const PUBLIC_PHOTO_LIMITS = {
  thumb: { side: 480, maxBytes: 30 * 1024 },
  full: { side: 1280, maxBytes: 200 * 1024 },
} as const;

const QUALITIES = [80, 72, 64, 56, 48, 40, 32];

export interface PublicPhoto {
  thumb: Buffer;
  full: Buffer;
  width: number;
  height: number;
}

async function encode(input: Buffer, side: number, maxBytes: number): Promise<{ bytes: Buffer; width: number; height: number }> {
  let scale = 1;
  for (let attempt = 0; attempt < 4; attempt++) {
    const target = Math.round(side * scale);
    for (const quality of QUALITIES) {
      const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 50_000_000 })
        .rotate()
        .resize({ width: target, height: target, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality, mozjpeg: true, chromaSubsampling: '4:2:0' })
        .toBuffer({ resolveWithObject: true });
      if (data.length <= maxBytes) return { bytes: data, width: info.width, height: info.height };
    }
    scale *= 0.75;
  }
  throw new Error('photo does not fit its public size limit');
}

/** Thumbnail and full-size public copies of a stored photo. Throws on undecodable input. */
export async function makePublicPhoto(original: Buffer): Promise<PublicPhoto> {
  const full = await encode(original, PUBLIC_PHOTO_LIMITS.full.side, PUBLIC_PHOTO_LIMITS.full.maxBytes);
  const thumb = await encode(full.bytes, PUBLIC_PHOTO_LIMITS.thumb.side, PUBLIC_PHOTO_LIMITS.thumb.maxBytes);
  return { thumb: thumb.bytes, full: full.bytes, width: full.width, height: full.height };
}
