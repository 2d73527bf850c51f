// The last answer of each reviewer request, kept for offline viewing (settings rows
// "cache:<user>:<what>"). Plain data; the screens decide what to show with it.
import type { MobilizaDb } from './database';
import { getSetting, putSetting } from './settings';

export interface Cached<T> {
  data: T;
  /** ISO date-time of the answer */
  savedAt: string;
}

export const cacheKey = (userId: string, what: string): string => `cache:${userId}:${what}`;
export const readCache = <T>(db: MobilizaDb, key: string): Promise<Cached<T> | undefined> => getSetting<Cached<T>>(db, key);
export const writeCache = <T>(db: MobilizaDb, key: string, data: T, now = new Date()): Promise<void> =>
  putSetting(db, key, { data, savedAt: now.toISOString() } satisfies Cached<T>);
