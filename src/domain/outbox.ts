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
  lastError?: string;
  /** photos the endpoint is known to hold already (never sent twice) */
  uploaded: string[];
  progress?: { photosDone: number; photosTotal: number; bytesDone: number; bytesTotal: number };
  /** set while waiting for the agent to sign in again (401) */
  paused?: boolean;
}

/** Key/value rows of the settings table. */
export interface ProfileSetting {
  municipalityCode: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}
