// first-load module
import type { Note } from './note';

/** One report waiting to be delivered (Dexie row of the outbox table; one row per report). */
export interface OutboxItem {
  reportId: string;
  /** frozen revision to deliver */
  revision: number;
  ownerId: string;
  /** the exact JSON body to PUT, frozen when "Enviar" was pressed */
  body: string;
  /** sha256 of every photo the body references */
  photoHashes: string[];
  queuedAt: string;
  attempts: number;
  /** epoch ms; the row is due when nextAttemptAt <= now */
  nextAttemptAt: number;
  /** why the last attempt failed (a code; text in src/ui/messages.ts) */
  lastError?: Note;
  /** photos the endpoint is known to hold already (never sent twice) */
  uploaded: string[];
  /** set while a drain works on the row; `at` (epoch ms) tells a live send from a stale one */
  progress?: { photosDone: number; photosTotal: number; bytesDone: number; bytesTotal: number; at: number };
}

/** Plan B (#17): offer "Enviar pelo WhatsApp" prominently once a queued report has not reached the endpoint for this long. */
export const PLAN_B_AFTER_MS = 2 * 24 * 3600 * 1000;

export const planBDue = (item: Pick<OutboxItem, 'queuedAt'>, now: number): boolean => now - Date.parse(item.queuedAt) >= PLAN_B_AFTER_MS;

/** Key/value rows of the settings table. */
export interface ProfileSetting {
  /** server account the phone is signed in to (#5); reports are kept per account */
  accountId?: string;
  municipalityCode: string;
  /** copied from the municipality list so the first screen needs no data file */
  municipalityName: string;
  regional: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}

/** Reports belong to an account; before sign-in they belong to this local owner. */
export const LOCAL_OWNER = 'local';

export function ownerIdOf(profile: Pick<ProfileSetting, 'accountId'>): string {
  return profile.accountId ?? LOCAL_OWNER;
}
