import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import { openDatabase, type MobilizaDb } from '../../src/db/database';
import { photosOfAction } from '../../src/db/photos';
import { setKeepPhotoLocation } from '../../src/db/settings';
import { createReport } from '../../src/db/reports';
import { addPhoto } from '../../src/photos/add-photo';
import type { PhotoCompressor } from '../../src/photos/compress-photo';
import { PhotoError } from '../../src/photos/photo-errors';
import { createPhotoQueue } from '../../src/photos/photo-queue';

const dir = new URL('../../../shared/fixtures/photos/', import.meta.url);
const file = (name: string, as = name) => new File([readFileSync(new URL(name, dir))], as, { lastModified: Date.UTC(2026, 10, 1) });
const never = new AbortController().signal;

/** Stands in for the worker: "compresses" to a blob whose hash is derived from the file size. */
function fakeCompressor(): PhotoCompressor & { calls: number } {
  const c = {
    calls: 0,
    async compress(_signal: AbortSignal, input: { fileSize: number; displaySize?: { width: number; height: number } }) {
      c.calls += 1;
      const blob = new Blob([new Uint8Array(1000)], { type: 'image/jpeg' });
      return {
        blob, thumb: new Blob([new Uint8Array(10)]), width: input.displaySize?.width ?? 1, height: input.displaySize?.height ?? 1,
        sha256: input.fileSize.toString(16).padStart(64, '0'), mimeType: 'image/jpeg' as const, encodes: 1, engine: 'platform' as const,
      };
    },
    dispose() {},
  };
  return c;
}

let db: MobilizaDb;
let actionId: string;
beforeEach(async () => {
  db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const reportId = (await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-11' })).id;
  actionId = (await addAction(db, reportId)).id;
});

describe('addPhoto', () => {
  it('stores metadata from EXIF: taken-at, GPS, original name and size', async () => {
    const compressor = fakeCompressor();
    const p = await addPhoto(never, db, actionId, file('large-phone_google-pixel_12mp_gps.jpg', 'IMG_20180725_163423.jpg'), { compressor });
    expect(p).toMatchObject({ number: 1, fileName: 'IMG_20180725_163423.jpg', fileSize: 4055536, byteSize: 1000, mimeType: 'image/jpeg' });
    expect(p.takenAt).toBe(new Date(2018, 6, 25, 16, 34, 23).toISOString());
    expect(p.lat).toBeTypeOf('number');
    expect(p.lon).toBeTypeOf('number');
  });

  it('drops the location when the setting says so, and uses lastModified without EXIF date', async () => {
    await setKeepPhotoLocation(db, false);
    const p = await addPhoto(never, db, actionId, file('gps_nikon-coolpix-p6000.jpg'), { compressor: fakeCompressor() });
    expect(p.lat).toBeUndefined();
    expect(p.lon).toBeUndefined();
    const q = await addPhoto(never, db, actionId, file('orientation-1_landscape_labeled.jpg'), { compressor: fakeCompressor() });
    expect(q.takenAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('refuses a duplicate with the existing photo label', async () => {
    const compressor = fakeCompressor();
    await addPhoto(never, db, actionId, file('tiny_fujifilm-e500_59x100.jpg'), { compressor, actionNumber: 3 });
    const err = await addPhoto(never, db, actionId, file('tiny_fujifilm-e500_59x100.jpg', 'copia.jpg'), { compressor, actionNumber: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(PhotoError);
    expect(err.code).toBe('duplicate');
    expect(err.details.existingLabel).toBe('Foto 3.1');
  });

  it('turns a quota failure into storage-full with the usage, keeps earlier photos and asks persist()', async () => {
    const compressor = fakeCompressor();
    await addPhoto(never, db, actionId, file('tiny_fujifilm-e500_59x100.jpg'), { compressor });
    const storage = { estimate: vi.fn(async () => ({ usage: 100 * 2 ** 20, quota: 120 * 2 ** 20 })), persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(db.photos, 'add').mockRejectedValueOnce(quota);
    const err = await addPhoto(never, db, actionId, file('gps_nikon-coolpix-p6000.jpg'), { compressor, storage }).catch((e) => e);
    expect(err.code, String(err)).toBe('storage-full');
    expect(err.details).toMatchObject({ usageBytes: 100 * 2 ** 20, quotaBytes: 120 * 2 ** 20 });
    expect(storage.persist).toHaveBeenCalled();
    expect(await photosOfAction(db, actionId)).toHaveLength(1);
  });

  it('does not call the compressor for files refused by their bytes', async () => {
    const compressor = fakeCompressor();
    await expect(addPhoto(never, db, actionId, file('not-an-image_text.jpg'), { compressor })).rejects.toMatchObject({ code: 'not-image' });
    expect(compressor.calls).toBe(0);
  });
});

describe('createPhotoQueue', () => {
  it('processes one file at a time and reports "k of n" progress', async () => {
    const progress: string[] = [];
    let active = 0;
    let maxActive = 0;
    const done: string[] = [];
    const finished = new Promise<void>((resolve) => {
      const q = createPhotoQueue(
        async (_s, f) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 5));
          active -= 1;
          if (f.name === 'b') throw new PhotoError('corrupt', { fileName: 'b' });
          return f.name;
        },
        {
          onProgress: (p) => (p ? progress.push(`${p.current}/${p.total}`) : resolve()),
          onDone: (_f, r) => done.push(r),
          onError: (f, e) => done.push(`${f.name}:${(e as PhotoError).code}`),
        },
      );
      q.add(['a', 'b'].map((n) => new File(['x'], n)));
      q.add([new File(['x'], 'c')]);
    });
    await finished;
    expect(maxActive).toBe(1);
    // the third file joined while the first was running: the total grows
    expect(progress).toEqual(['1/2', '2/3', '3/3']);
    expect(done).toEqual(['a', 'b:corrupt', 'c']);
  });

  it('cancel stops the current photo silently and drops the rest', async () => {
    const errors: unknown[] = [];
    const seen: string[] = [];
    let end!: () => void;
    const ended = new Promise<void>((r) => (end = r));
    const q = createPhotoQueue(
      (signal, f) => new Promise((resolve, reject) => {
        seen.push(f.name);
        signal.addEventListener('abort', () => reject(signal.reason));
        setTimeout(() => resolve(f.name), 1000);
      }),
      { onProgress: (p) => { if (!p) end(); }, onError: (_f, e) => errors.push(e) },
    );
    q.add(['a', 'b', 'c'].map((n) => new File(['x'], n)));
    await new Promise((r) => setTimeout(r, 5));
    q.cancel();
    await ended;
    expect(seen).toEqual(['a']);
    expect(errors).toEqual([]);
    expect(q.busy).toBe(false);
  });
});
