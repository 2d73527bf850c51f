// Photo rows: one transaction per change; numbers are always 1..k in each action.
import { LIMITS } from '../domain/limits';
import type { PhotoRecord } from '../domain/photo';
import { NotFoundError, type MobilizaDb } from './database';
import { requireEditable, touchReport } from './reports';

/** A photo that cannot be added: the same bytes already in the action, or the action is full. */
export class PhotoRefusedError extends Error {
  constructor(
    readonly reason: 'duplicate' | 'limit',
    readonly existingNumber?: number,
  ) {
    super(reason === 'duplicate' ? `same photo already stored as number ${existingNumber}` : 'too many photos');
    this.name = 'PhotoRefusedError';
  }
}

export async function photosOfAction(db: MobilizaDb, actionId: string): Promise<PhotoRecord[]> {
  return db.photos.where('[actionId+number]').between([actionId, -Infinity], [actionId, Infinity]).toArray();
}

export async function photosOfReport(db: MobilizaDb, reportId: string): Promise<PhotoRecord[]> {
  const photos = await db.photos.where('reportId').equals(reportId).toArray();
  return photos.sort((a, b) => (a.actionId === b.actionId ? a.number - b.number : a.actionId.localeCompare(b.actionId)));
}

/** How many photos each action of the report has (the editor's list). */
export async function photoCountsOfReport(db: MobilizaDb, reportId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.photos.where('reportId').equals(reportId).each((p) => counts.set(p.actionId, (counts.get(p.actionId) ?? 0) + 1));
  return counts;
}

export const photoCountOfAction = (db: MobilizaDb, actionId: string): Promise<number> => db.photos.where('actionId').equals(actionId).count();

/** The stored photo with this content hash (delivery uploads by hash). */
export const photoBySha256 = (db: MobilizaDb, sha256: string): Promise<PhotoRecord | undefined> => db.photos.where('sha256').equals(sha256).first();

async function renumber(db: MobilizaDb, list: PhotoRecord[]) {
  const changed = list.map((p, i) => (p.number === i + 1 ? null : { ...p, number: i + 1 })).filter((p): p is PhotoRecord => p !== null);
  if (changed.length) await db.photos.bulkPut(changed);
}

async function editablePhoto(db: MobilizaDb, photoId: string): Promise<PhotoRecord> {
  const photo = await db.photos.get(photoId);
  if (!photo) throw new NotFoundError('photo');
  await requireEditable(db, photo.reportId);
  return photo;
}

export type NewPhoto = Omit<PhotoRecord, 'id' | 'reportId' | 'number' | 'createdAt'>;

/** Stores a compressed photo with the next number of its action, in one transaction. */
export async function addPhotoRecord(db: MobilizaDb, input: NewPhoto, now = new Date()): Promise<PhotoRecord> {
  return db.transaction('rw', db.reports, db.actions, db.photos, async () => {
    const action = await db.actions.get(input.actionId);
    if (!action) throw new NotFoundError('action');
    await requireEditable(db, action.reportId);
    const list = await photosOfAction(db, input.actionId);
    const same = list.find((p) => p.sha256 === input.sha256);
    if (same) throw new PhotoRefusedError('duplicate', same.number);
    if (list.length >= LIMITS.photosPerAction) throw new PhotoRefusedError('limit');
    const record: PhotoRecord = {
      ...input,
      id: crypto.randomUUID(),
      reportId: action.reportId,
      number: list.length + 1,
      createdAt: now.toISOString(),
    };
    await db.photos.add(record);
    await touchReport(db, action.reportId, now);
    return record;
  });
}

/** Deletes a photo and renumbers the rest; returns the row for "Desfazer". */
export async function deletePhoto(db: MobilizaDb, photoId: string, now = new Date()): Promise<PhotoRecord> {
  return db.transaction('rw', db.reports, db.photos, async () => {
    const photo = await editablePhoto(db, photoId);
    await db.photos.delete(photoId);
    await renumber(db, (await photosOfAction(db, photo.actionId)).filter((p) => p.id !== photoId));
    await touchReport(db, photo.reportId, now);
    return photo;
  });
}

/** Undo of deletePhoto: the photo returns at its old number (or last, if the action has fewer now). */
export async function restorePhoto(db: MobilizaDb, photo: PhotoRecord, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, db.actions, db.photos, async () => {
    if (!(await db.actions.get(photo.actionId))) throw new NotFoundError('action');
    await requireEditable(db, photo.reportId);
    const list = (await photosOfAction(db, photo.actionId)).filter((p) => p.id !== photo.id);
    if (list.some((p) => p.sha256 === photo.sha256)) throw new PhotoRefusedError('duplicate', list.find((p) => p.sha256 === photo.sha256)!.number);
    if (list.length >= LIMITS.photosPerAction) throw new PhotoRefusedError('limit');
    list.splice(Math.min(photo.number - 1, list.length), 0, photo);
    await db.photos.put(photo);
    await renumber(db, list);
    await touchReport(db, photo.reportId, now);
  });
}

/** Moves a photo up (-1) or down (+1) among its action's photos. */
export async function movePhoto(db: MobilizaDb, photoId: string, delta: -1 | 1, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, db.photos, async () => {
    const photo = await editablePhoto(db, photoId);
    const list = await photosOfAction(db, photo.actionId);
    const from = list.findIndex((p) => p.id === photoId);
    const to = from + delta;
    if (to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
    await renumber(db, list);
    await touchReport(db, photo.reportId, now);
  });
}

export async function setPhotoCaption(db: MobilizaDb, photoId: string, caption: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, db.photos, async () => {
    await editablePhoto(db, photoId);
    await db.photos.update(photoId, { caption: caption.slice(0, LIMITS.captionChars) });
    await touchReport(db, (await db.photos.get(photoId))!.reportId, now);
  });
}
