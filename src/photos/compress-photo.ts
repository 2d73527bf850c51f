// Stage 2: compress. The platform path is our module worker (createImageBitmap + OffscreenCanvas);
// browser-image-compression in its own worker is the fallback where OffscreenCanvas is missing.
// The worker is started on demand and shut down when idle.
import { sha256Hex } from './sha256';
import { abortReason as abortError } from '../domain/errors';
import { PHOTO_TARGET } from '../domain/limits';
import { fitWithin } from './plan-size';
import type { WorkerJob, WorkerPhoto, WorkerReply } from './photo-worker';
import { PhotoError } from './photo-errors';
import { isCompleteJpeg, type PhotoInput } from './read-photo';
import { bicLibUrl, platformAvailable } from './fallback-library';

export type Engine = 'platform' | 'bic';

export interface CompressedPhoto extends WorkerPhoto {
  engine: Engine;
}

export interface PhotoCompressor {
  compress(signal: AbortSignal, input: PhotoInput): Promise<CompressedPhoto>;
  /** Stops the worker now (it also stops by itself after `idleMs`). */
  dispose(): void;
}

export interface CompressorOptions {
  /** 'auto' = platform where OffscreenCanvas exists, else browser-image-compression */
  engine?: 'auto' | Engine;
  idleMs?: number;
  mimeType?: 'image/jpeg' | 'image/webp';
  /** first-encode quality (default PHOTO_TARGET.quality) */
  quality?: number;
  createWorker?: () => Worker;
}

export const TARGET: WorkerJob['target'] = {
  maxSide: PHOTO_TARGET.maxSide,
  quality: PHOTO_TARGET.quality,
  maxBytes: PHOTO_TARGET.maxBytes,
  thumbSide: PHOTO_TARGET.thumbSide,
  maxCanvasPixels: PHOTO_TARGET.maxCanvasPixels,
  maxEncodes: PHOTO_TARGET.maxEncodes,
  mimeType: 'image/jpeg',
};

/** A decode failure means a damaged file, or HEIC on a browser that cannot read it. */
function decodeError(input: PhotoInput, cause: unknown): PhotoError {
  return new PhotoError(input.type === 'image/heic' ? 'heic' : 'corrupt', { fileName: input.fileName }, { cause });
}

export function createPhotoCompressor(options: CompressorOptions = {}): PhotoCompressor {
  const idleMs = options.idleMs ?? 15_000;
  const target = { ...TARGET, mimeType: options.mimeType ?? TARGET.mimeType, quality: options.quality ?? TARGET.quality };
  let engine: Engine = options.engine === 'bic' || (options.engine !== 'platform' && !platformAvailable()) ? 'bic' : 'platform';
  let worker: Worker | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  const stopWorker = () => {
    clearTimeout(idleTimer);
    worker?.terminate();
    worker = undefined;
  };
  const spawn = () =>
    options.createWorker?.() ?? new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module', name: 'photos' });

  function runInWorker(signal: AbortSignal, input: PhotoInput): Promise<WorkerPhoto | 'unsupported'> {
    clearTimeout(idleTimer);
    const w = (worker ??= spawn());
    const id = nextId++;
    return new Promise<WorkerPhoto | 'unsupported'>((resolve, reject) => {
      const cleanup = () => {
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
        if (worker === w) idleTimer = setTimeout(stopWorker, idleMs);
      };
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.id !== id) return;
        cleanup();
        if (reply.ok) resolve(reply.photo);
        else if (reply.code === 'unsupported') resolve('unsupported');
        else if (reply.code === 'decode') reject(decodeError(input, reply.message));
        else reject(new PhotoError('failed', { fileName: input.fileName }, { cause: reply.message }));
      };
      const onError = (event: ErrorEvent) => {
        // the worker died (out of memory, failed to load): start a fresh one next time
        cleanup();
        stopWorker();
        reject(new PhotoError('failed', { fileName: input.fileName }, { cause: event.message }));
      };
      const onAbort = () => {
        // the only way to stop a decode in progress is to end the worker
        cleanup();
        stopWorker();
        reject(abortError(signal));
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
      const job: WorkerJob = { id, blob: input.file, displaySize: input.displaySize, target };
      w.postMessage(job);
    });
  }

  return {
    async compress(signal, input) {
      if (signal.aborted) throw abortError(signal);
      if (engine === 'platform') {
        const result = await runInWorker(signal, input);
        if (result !== 'unsupported') return { ...result, engine: 'platform' };
        engine = 'bic';
        stopWorker();
      }
      return compressWithBic(signal, input, target);
    },
    dispose: stopWorker,
  };
}

/** browser-image-compression configured for us: local library file, first pass at PHOTO_TARGET.quality, ≤ 2 iterations. */
export function bicOptions(libURL: string, target = TARGET) {
  return {
    maxWidthOrHeight: target.maxSide,
    maxSizeMB: target.maxBytes / (1024 * 1024),
    initialQuality: target.quality,
    maxIteration: 2,
    fileType: 'image/jpeg',
    useWebWorker: true,
    // absolute and same-origin (runtime-cached, fallback-library.ts): the default is a CDN URL, which fails offline
    libURL,
  };
}

type ImageCompression = typeof import('browser-image-compression').default;

/**
 * The main-thread half of the fallback loads the same UMD file as a classic script (it defines
 * `globalThis.imageCompression`), so the app ships and caches one copy of the library, not two.
 */
function loadBic(libURL: string): Promise<ImageCompression> {
  const g = globalThis as unknown as { imageCompression?: ImageCompression };
  if (g.imageCompression) return Promise.resolve(g.imageCompression);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = libURL;
    script.onload = () => (g.imageCompression ? resolve(g.imageCompression) : reject(new Error('browser-image-compression did not load')));
    script.onerror = () => reject(new Error('browser-image-compression failed to load'));
    document.head.append(script);
  });
}

export async function compressWithBic(signal: AbortSignal, input: PhotoInput, target = TARGET): Promise<CompressedPhoto> {
  const libURL = await bicLibUrl();
  const imageCompression = await loadBic(libURL);
  if (signal.aborted) throw abortError(signal);
  if (input.type === 'image/jpeg' && !isCompleteJpeg(new Uint8Array(await input.file.arrayBuffer()))) {
    throw new PhotoError('corrupt', { fileName: input.fileName });
  }
  const file = input.file instanceof File ? input.file : new File([input.file], input.fileName, { type: input.type });
  let blob: Blob;
  try {
    blob = await imageCompression(file, { ...bicOptions(libURL, target), signal });
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw decodeError(input, error);
  }
  if (signal.aborted) throw abortError(signal);
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  const t = fitWithin(size, target.thumbSide);
  const thumb = await imageCompression(new File([blob], 'thumb.jpg', { type: 'image/jpeg' }), {
    maxWidthOrHeight: Math.max(t.width, t.height),
    initialQuality: 0.7,
    maxIteration: 1,
    useWebWorker: true,
    libURL,
    signal,
  });
  return { blob, thumb, ...size, sha256: await sha256Hex(blob), mimeType: 'image/jpeg', encodes: 0, engine: 'bic' };
}
