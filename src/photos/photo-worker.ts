// Our photo worker (a dedicated module Worker): decode with the EXIF orientation applied once by
// the browser, scale while decoding, encode JPEG on an OffscreenCanvas, make the thumbnail and hash
// the stored bytes. The page sends one job at a time (one full-size decode at a time on 2 GB phones).
import { fitWithin, nextAttempt, type Size } from './plan-size';
import { sha256Hex } from './sha256';

export interface WorkerJob {
  id: number;
  blob: Blob;
  /** how the photo is meant to be seen (after orientation), when the header told us */
  displaySize?: Size;
  target: {
    maxSide: number;
    quality: number;
    maxBytes: number;
    thumbSide: number;
    maxCanvasPixels: number;
    maxEncodes: number;
    mimeType: 'image/jpeg' | 'image/webp';
  };
}

export interface WorkerPhoto {
  blob: Blob;
  thumb: Blob;
  width: number;
  height: number;
  sha256: string;
  mimeType: 'image/jpeg' | 'image/webp';
  encodes: number;
}

export type WorkerReply =
  | { id: number; ok: true; photo: WorkerPhoto }
  | { id: number; ok: false; code: 'decode' | 'unsupported' | 'failed'; message: string };

interface Scope {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerJob>) => void): void;
}
const scope = self as unknown as Scope;

const ORIENT: ImageBitmapOptions = { imageOrientation: 'from-image' };

async function decode(job: WorkerJob): Promise<{ bitmap: ImageBitmap; size: Size }> {
  const { maxSide, maxCanvasPixels } = job.target;
  if (job.displaySize) {
    const size = fitWithin(job.displaySize, maxSide, maxCanvasPixels);
    const scaled = size.width !== job.displaySize.width || size.height !== job.displaySize.height;
    // Scaling inside createImageBitmap never materialises a full-size canvas.
    const bitmap = await createImageBitmap(job.blob, scaled
      ? { ...ORIENT, resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' }
      : ORIENT);
    if (bitmap.width === size.width && bitmap.height === size.height) return { bitmap, size };
    // The browser oriented it differently from what the header said: plan again from its size.
    const real = fitWithin({ width: bitmap.width, height: bitmap.height }, maxSide, maxCanvasPixels);
    bitmap.close();
    const again = await createImageBitmap(job.blob, { ...ORIENT, resizeWidth: real.width, resizeHeight: real.height, resizeQuality: 'high' });
    return { bitmap: again, size: { width: again.width, height: again.height } };
  }
  // Unknown header (WebP/AVIF/HEIC …): decode, then draw it scaled.
  const bitmap = await createImageBitmap(job.blob, ORIENT);
  return { bitmap, size: fitWithin({ width: bitmap.width, height: bitmap.height }, maxSide, maxCanvasPixels) };
}

function draw(source: CanvasImageSource, size: Size): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff'; // transparent PNG areas become white, not black
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

async function run(job: WorkerJob): Promise<WorkerPhoto> {
  const { quality, maxBytes, thumbSide, maxEncodes, mimeType } = job.target;
  const { bitmap, size } = await decode(job);
  let canvas = draw(bitmap, size);
  let attempt = { size, quality };
  let blob = await canvas.convertToBlob({ type: mimeType, quality });
  let encodes = 1;
  while (blob.size > maxBytes && encodes < maxEncodes) {
    attempt = nextAttempt(attempt, blob.size, maxBytes);
    if (attempt.size.width !== canvas.width || attempt.size.height !== canvas.height) canvas = draw(bitmap, attempt.size);
    blob = await canvas.convertToBlob({ type: mimeType, quality: attempt.quality });
    encodes += 1;
  }
  bitmap.close();
  const thumbSize = fitWithin({ width: canvas.width, height: canvas.height }, thumbSide);
  const thumb = await draw(canvas, thumbSize).convertToBlob({ type: 'image/jpeg', quality: 0.7 });
  return { blob, thumb, width: canvas.width, height: canvas.height, sha256: await sha256Hex(blob), mimeType, encodes };
}

scope.addEventListener('message', (event) => {
  const job = event.data;
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap !== 'function') {
    scope.postMessage({ id: job.id, ok: false, code: 'unsupported', message: 'OffscreenCanvas is missing in workers' });
    return;
  }
  run(job).then(
    (photo) => scope.postMessage({ id: job.id, ok: true, photo }),
    (error: unknown) => {
      const e = error as { name?: string; message?: string };
      // createImageBitmap rejects with InvalidStateError ("could not be decoded") for broken or unknown data
      const code = e?.name === 'InvalidStateError' || e?.name === 'EncodingError' ? 'decode' : 'failed';
      scope.postMessage({ id: job.id, ok: false, code, message: `${e?.name}: ${e?.message}` });
    },
  );
});
