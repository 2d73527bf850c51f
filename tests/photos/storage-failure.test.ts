// Issue #17: a full disk must never look like the user's Cancel. Every failure shape IndexedDB and
// Dexie produce on a phone without space is classified, named and explained; stored photos stay.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addAction } from '../../src/db/actions';
import { openDatabase, type MobilizaDb } from '../../src/db/database';
import { photosOfAction } from '../../src/db/photos';
import { createReport } from '../../src/db/reports';
import { isAbortError, storageFailureKind } from '../../src/domain/errors';
import { LIMITS } from '../../src/domain/limits';
import { addPhoto } from '../../src/photos/add-photo';
import type { PhotoCompressor } from '../../src/photos/compress-photo';
import { PhotoError } from '../../src/photos/photo-errors';
import { createPhotoQueue } from '../../src/photos/photo-queue';
import { photoErrorMessage } from '../../src/ui/messages';

const dir = new URL('../../../shared/fixtures/photos/', import.meta.url);
const FILES = ['tiny_fujifilm-e500_59x100.jpg', 'gps_nikon-coolpix-p6000.jpg', 'orientation-1_landscape_labeled.jpg', 'orientation-3_landscape_labeled.jpg'];
const file = (name: string) => new File([readFileSync(new URL(name, dir))], name, { lastModified: Date.UTC(2026, 10, 1) });
const never = new AbortController().signal;
const limits = { photosPerAction: 10, maxInputBytes: 40 * 2 ** 20 };

const compressor: PhotoCompressor = {
  async compress(_signal, input) {
    return {
      blob: new Blob([new Uint8Array(1000)], { type: 'image/jpeg' }), thumb: new Blob([new Uint8Array(10)]), width: 1, height: 1,
      sha256: input.fileSize.toString(16).padStart(64, '0'), mimeType: 'image/jpeg', encodes: 1, engine: 'platform',
    };
  },
  dispose() {},
};

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
/** The shapes seen from IndexedDB/Dexie when a write cannot be stored. */
const FAILURES: [string, () => unknown, 'quota' | 'storage'][] = [
  ['DOMException QuotaExceededError', quota, 'quota'],
  ['Dexie AbortError wrapping QuotaExceededError', () => new Dexie.AbortError('Transaction aborted', quota()), 'quota'],
  ['Dexie AbortError with no inner error (Chromium on a full disk)', () => new Dexie.AbortError('Transaction aborted'), 'storage'],
  ['DOMException AbortError from IDBTransaction', () => new DOMException('The transaction was aborted', 'AbortError'), 'storage'],
  ['Dexie DatabaseClosedError', () => new Dexie.DatabaseClosedError('Database has been closed'), 'storage'],
  ['Dexie UnknownError (I/O error)', () => new Dexie.UnknownError('Internal error opening backing store'), 'storage'],
  ['DOMException UnknownError', () => new DOMException('Internal error.', 'UnknownError'), 'storage'],
  // Collection.modify() on a full disk: a ModifyError (named plain "Error") listing the aborted writes
  ['Dexie ModifyError of aborted writes', () => new Dexie.ModifyError('Error modifying one or more objects', [new Dexie.AbortError('The transaction was aborted')]), 'storage'],
  ['Dexie BulkError wrapping QuotaExceededError', () => new Dexie.BulkError('bulkPut failed', { 0: quota() }), 'quota'],
];

describe('storageFailureKind', () => {
  it.each(FAILURES)('%s → %s', (_label, make, kind) => {
    expect(storageFailureKind(make())).toBe(kind);
  });
  it('does not call a refused photo or a bug a storage failure', () => {
    expect(storageFailureKind(new PhotoError('duplicate'))).toBeUndefined();
    expect(storageFailureKind(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageFailureKind(undefined)).toBeUndefined();
  });
  it('the storage shapes that are AbortErrors are exactly the ones the old queue dropped as Cancel', () => {
    // the bug of the issue: these were silent
    expect(FAILURES.filter(([, make]) => isAbortError(make())).map(([l]) => l)).toEqual([
      'Dexie AbortError wrapping QuotaExceededError',
      'Dexie AbortError with no inner error (Chromium on a full disk)',
      'DOMException AbortError from IDBTransaction',
    ]);
  });
});

let db: MobilizaDb;
let actionId: string;
beforeEach(async () => {
  db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const reportId = (await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-11' })).id;
  actionId = (await addAction(db, reportId)).id;
});

describe('addPhoto on a failing store', () => {
  it.each(FAILURES)('%s: a PhotoError naming the file, earlier photos kept', async (_label, make, kind) => {
    await addPhoto(never, db, actionId, file(FILES[0]), { compressor });
    vi.spyOn(db.photos, 'add').mockRejectedValueOnce(make());
    const err = await addPhoto(never, db, actionId, file(FILES[1]), { compressor }).catch((e) => e);
    expect(err).toBeInstanceOf(PhotoError);
    expect(err.code).toBe(kind === 'quota' ? 'storage-full' : 'storage-failed');
    expect(err.details.fileName).toBe(FILES[1]);
    expect(isAbortError(err)).toBe(false);
    const text = photoErrorMessage(err, limits);
    expect(text).toContain(`“${FILES[1]}” não foi salva`);
    expect(text).toMatch(/Libere espaço .* escolha esta foto de novo/);
    expect(text).toContain('As fotos já salvas não foram perdidas');
    expect((await photosOfAction(db, actionId)).map((p) => p.fileName)).toEqual([FILES[0]]);
  });

  it('a photo that would leave less than the reserve free is refused before any write, naming the file', async () => {
    const MB = 2 ** 20;
    const storage = (free: number) => ({ estimate: async () => ({ usage: 50 * MB, quota: 50 * MB + free }), persist: async () => true, persisted: async () => true });
    // the compressed photo is 1,010 bytes: reserve + 1,010 free is enough, one byte less is not
    await addPhoto(never, db, actionId, file(FILES[0]), { compressor, storage: storage(LIMITS.storageReserveBytes + 1010) });
    const add = vi.spyOn(db.photos, 'add');
    const err = await addPhoto(never, db, actionId, file(FILES[1]), { compressor, storage: storage(LIMITS.storageReserveBytes + 1009) }).catch((e) => e);
    expect(err).toMatchObject({ code: 'storage-full', details: { fileName: FILES[1], usageBytes: 50 * MB } });
    expect(add).not.toHaveBeenCalled();
    expect(photoErrorMessage(err, limits)).toMatch(/“gps_nikon-coolpix-p6000.jpg” não foi salva: .*Libere espaço/);
    expect((await photosOfAction(db, actionId)).map((p) => p.fileName)).toEqual([FILES[0]]);
    // no estimate (old browsers): no check
    await addPhoto(never, db, actionId, file(FILES[2]), { compressor, storage: { estimate: async () => ({}), persist: async () => true, persisted: async () => true } });
    expect(await photosOfAction(db, actionId)).toHaveLength(2);
  });

  it('a really closed database (DatabaseClosedError from Dexie itself) is named, not silent', async () => {
    await addPhoto(never, db, actionId, file(FILES[0]), { compressor });
    db.close();
    const err = await addPhoto(never, db, actionId, file(FILES[1]), { compressor }).catch((e) => e);
    expect(err).toMatchObject({ code: 'storage-failed', details: { fileName: FILES[1] } });
    await db.open();
    expect(await photosOfAction(db, actionId)).toHaveLength(1);
  });

  it('the user\'s own Cancel stays a silent AbortError', async () => {
    const ctrl = new AbortController();
    ctrl.abort(new DOMException('cancelled', 'AbortError'));
    const err = await addPhoto(ctrl.signal, db, actionId, file(FILES[0]), { compressor }).catch((e) => e);
    expect(err).not.toBeInstanceOf(PhotoError);
    expect(isAbortError(err)).toBe(true);
  });
});

describe('the photo queue over a store that fails mid-batch', () => {
  it('every chosen photo is either stored or named; nothing is taken for Cancel', async () => {
    // the 2nd and 3rd writes fail as on a full disk: Dexie AbortError with and without the quota inside
    await addPhoto(never, db, actionId, file(FILES[0]), { compressor });
    const add = vi.spyOn(db.photos, 'add');
    add.mockRejectedValueOnce(new Dexie.AbortError('Transaction aborted'));
    add.mockRejectedValueOnce(new Dexie.AbortError('Transaction aborted', quota()));
    const errors: { name: string; text: string }[] = [];
    const done: string[] = [];
    await new Promise<void>((resolve) => {
      const queue = createPhotoQueue((signal, f) => addPhoto(signal, db, actionId, f, { compressor }), {
        onProgress: (p) => { if (!p) resolve(); },
        onDone: (f) => done.push(f.name),
        onError: (f, e) => errors.push({ name: f.name, text: e instanceof PhotoError ? photoErrorMessage(e, limits) : String(e) }),
      });
      queue.add(FILES.slice(1).map(file));
    });
    expect(done).toEqual([FILES[3]]);
    expect(errors.map((e) => e.name)).toEqual([FILES[1], FILES[2]]);
    for (const e of errors) expect(e.text).toContain(`“${e.name}” não foi salva`);
    expect(errors[1].text).toContain('não há espaço no aparelho');
    expect((await photosOfAction(db, actionId)).map((p) => p.fileName).sort()).toEqual([FILES[0], FILES[3]].sort());
  });
});
