// first-load module
import type { User } from './api';
import type { Note } from './note';

/** The signed-in account on this phone (settings row "session"). */
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
  /** Plan B (#17): this device session's id and the secret (base64url) that signs its report packages */
  device?: { id: string; secret: string };
  /** set when the endpoint answered 401: the queue pauses until the agent signs in again */
  expired?: boolean;
}

/** Sync facts the UI shows (settings row "syncState"). */
export interface SyncState {
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: Note;
}
