// Benchmark page (built only by tests/bench/photos.ts, never part of the app): runs one photo
// through one method and reports time and output size.
import { compressWithBic, createPhotoCompressor, type PhotoCompressor } from '../../src/photos/compress-photo';
import { bicLibUrl } from '../../src/photos/fallback-library';
import { readPhoto } from '../../src/photos/read-photo';

export type Method = 'platform' | 'platform-webp' | 'bic-ours' | 'bic-default';

export interface BenchSample {
  ms: number;
  bytes: number;
  width: number;
  height: number;
}

const compressors: Record<string, PhotoCompressor> = {};

async function outputSize(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

async function run(method: Method, name: string, quality?: number): Promise<BenchSample> {
  const source = await (await fetch(`./${name}`)).blob();
  const file = new File([source], name, { type: source.type, lastModified: Date.now() });
  const signal = new AbortController().signal;
  const t0 = performance.now();
  let blob: Blob;
  if (method === 'platform' || method === 'platform-webp') {
    const key = `${method}@${quality ?? ''}`;
    const c = (compressors[key] ??= createPhotoCompressor({ engine: 'platform', quality, mimeType: method === 'platform' ? 'image/jpeg' : 'image/webp' }));
    blob = (await c.compress(signal, await readPhoto(signal, file))).blob;
  } else if (method === 'bic-ours') {
    blob = (await compressWithBic(signal, await readPhoto(signal, file))).blob;
  } else {
    // the library's defaults; only libURL is set so that its worker can start without a CDN
    const { default: imageCompression } = await import('browser-image-compression');
    blob = await imageCompression(file, { libURL: await bicLibUrl() });
  }
  const ms = performance.now() - t0;
  return { ms, bytes: blob.size, ...(await outputSize(blob)) };
}

/** A fixed amount of work in a dedicated worker: shows whether CPU throttling reaches workers. */
function workerSpin(): Promise<number> {
  const src = 'onmessage=()=>{const t=performance.now();let x=0;for(let i=0;i<3e7;i++)x+=Math.sqrt(i);postMessage([performance.now()-t,x])}';
  const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
  return new Promise((resolve) => {
    w.onmessage = (e) => { w.terminate(); resolve(e.data[0]); };
    w.postMessage(0);
  });
}

Object.assign(window, { bench: { run, workerSpin } });
document.getElementById('status')!.textContent = 'ready';
