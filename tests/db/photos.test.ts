import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { addAction, deleteAction, restoreAction } from '../../src/db/actions';
import { openDatabase, ReportLockedError, type MobilizaDb } from '../../src/db/database';
import {
  addPhotoRecord, deletePhoto, movePhoto, photosOfAction, photosOfReport,
  PhotoRefusedError, restorePhoto, setPhotoCaption, type NewPhoto,
} from '../../src/db/photos';
import { getKeepPhotoLocation, setKeepPhotoLocation } from '../../src/db/settings';
import { createReport } from '../../src/db/reports';

let db: MobilizaDb;
let reportId: string;
let actionId: string;

const sha = (n: number) => n.toString(16).padStart(64, '0');
const photo = (n: number, over: Partial<NewPhoto> = {}): NewPhoto => ({
  actionId,
  caption: '',
  sha256: sha(n),
  mimeType: 'image/jpeg',
  byteSize: 3,
  width: 4,
  height: 3,
  fileName: `IMG_${n}.jpg`,
  fileSize: 10,
  blob: new Blob([new Uint8Array([n, 1, 2])], { type: 'image/jpeg' }),
  thumb: new Blob([new Uint8Array([n])], { type: 'image/jpeg' }),
  ...over,
});
const numbers = async (id = actionId) => (await photosOfAction(db, id)).map((p) => `${p.fileName}#${p.number}`);

beforeEach(async () => {
  db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  reportId = (await createReport(db, { ownerId: 'u1', municipalityCode: '3106200', period: '2026-11' })).id;
  actionId = (await addAction(db, reportId)).id;
});

describe('addPhotoRecord', () => {
  it('numbers photos 1..k and keeps the Blob', async () => {
    await addPhotoRecord(db, photo(1));
    const second = await addPhotoRecord(db, photo(2));
    expect(second.number).toBe(2);
    expect(second.reportId).toBe(reportId);
    const [first] = await photosOfAction(db, actionId);
    expect(first.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await first.blob!.arrayBuffer())).toEqual(new Uint8Array([1, 1, 2]));
    expect(await numbers()).toEqual(['IMG_1.jpg#1', 'IMG_2.jpg#2']);
  });

  it('refuses the same bytes twice in one action but allows them in another action', async () => {
    await addPhotoRecord(db, photo(1));
    await expect(addPhotoRecord(db, photo(1, { fileName: 'copia.jpg' }))).rejects.toMatchObject({ reason: 'duplicate', existingNumber: 1 });
    const other = (await addAction(db, reportId)).id;
    await expect(addPhotoRecord(db, photo(1, { actionId: other }))).resolves.toMatchObject({ number: 1 });
    expect(await photosOfReport(db, reportId)).toHaveLength(2);
  });

  it('refuses an 11th photo', async () => {
    for (let n = 1; n <= 10; n++) await addPhotoRecord(db, photo(n));
    const refused = await addPhotoRecord(db, photo(11)).catch((e) => e);
    expect(refused).toBeInstanceOf(PhotoRefusedError);
    expect(refused.reason).toBe('limit');
  });

  it('refuses changes to a frozen report', async () => {
    const p = await addPhotoRecord(db, photo(1));
    await db.reports.update(reportId, { status: 'queued' });
    await expect(addPhotoRecord(db, photo(2))).rejects.toBeInstanceOf(ReportLockedError);
    await expect(deletePhoto(db, p.id)).rejects.toBeInstanceOf(ReportLockedError);
    await expect(movePhoto(db, p.id, 1)).rejects.toBeInstanceOf(ReportLockedError);
    await expect(setPhotoCaption(db, p.id, 'x')).rejects.toBeInstanceOf(ReportLockedError);
  });
});

describe('delete, undo, move, caption', () => {
  beforeEach(async () => {
    for (let n = 1; n <= 4; n++) await addPhotoRecord(db, photo(n));
  });

  it('renumbers after a delete and undo puts the photo back at its number', async () => {
    const [, second] = await photosOfAction(db, actionId);
    const deleted = await deletePhoto(db, second.id);
    expect(await numbers()).toEqual(['IMG_1.jpg#1', 'IMG_3.jpg#2', 'IMG_4.jpg#3']);
    await restorePhoto(db, deleted);
    expect(await numbers()).toEqual(['IMG_1.jpg#1', 'IMG_2.jpg#2', 'IMG_3.jpg#3', 'IMG_4.jpg#4']);
  });

  it('moves a photo up and down, ignoring moves past the ends', async () => {
    const list = await photosOfAction(db, actionId);
    await movePhoto(db, list[2].id, -1);
    expect(await numbers()).toEqual(['IMG_1.jpg#1', 'IMG_3.jpg#2', 'IMG_2.jpg#3', 'IMG_4.jpg#4']);
    await movePhoto(db, list[0].id, -1);
    await movePhoto(db, list[3].id, 1);
    await movePhoto(db, list[0].id, 1);
    expect(await numbers()).toEqual(['IMG_3.jpg#1', 'IMG_1.jpg#2', 'IMG_2.jpg#3', 'IMG_4.jpg#4']);
  });

  it('saves a caption, cut to the limit', async () => {
    const [first] = await photosOfAction(db, actionId);
    await setPhotoCaption(db, first.id, 'Roda de conversa na UBS');
    expect((await db.photos.get(first.id))?.caption).toBe('Roda de conversa na UBS');
    await setPhotoCaption(db, first.id, 'x'.repeat(400));
    expect((await db.photos.get(first.id))?.caption).toHaveLength(300);
  });

  it('deleting and restoring the action takes its photos along', async () => {
    const undo = await deleteAction(db, actionId);
    expect(await photosOfReport(db, reportId)).toHaveLength(0);
    await restoreAction(db, undo);
    expect(await numbers()).toEqual(['IMG_1.jpg#1', 'IMG_2.jpg#2', 'IMG_3.jpg#3', 'IMG_4.jpg#4']);
  });
});

describe('keepPhotoLocation setting', () => {
  it('defaults to true and can be turned off', async () => {
    expect(await getKeepPhotoLocation(db)).toBe(true);
    await setKeepPhotoLocation(db, false);
    expect(await getKeepPhotoLocation(db)).toBe(false);
  });
});
