// first-load module
import type { ProfileSetting } from '../domain/outbox';
import type { MobilizaDb } from './database';

export async function getSetting<T>(db: MobilizaDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function putSetting(db: MobilizaDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

export const getProfile = (db: MobilizaDb) => getSetting<ProfileSetting>(db, 'profile');
export const saveProfile = (db: MobilizaDb, profile: ProfileSetting) => putSetting(db, 'profile', profile);

/** "Guardar localização das fotos": keep EXIF GPS positions with the photos (default true). */
export const KEEP_PHOTO_LOCATION = 'keepPhotoLocation';
export const getKeepPhotoLocation = async (db: MobilizaDb) => (await getSetting<boolean>(db, KEEP_PHOTO_LOCATION)) !== false;
export const setKeepPhotoLocation = (db: MobilizaDb, keep: boolean) => putSetting(db, KEEP_PHOTO_LOCATION, keep);
