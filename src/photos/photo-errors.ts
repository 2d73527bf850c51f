// Typed failures of the photo pipeline (their pt-BR messages: src/ui/messages.ts photoErrorMessage).

export type PhotoErrorCode =
  | 'empty'
  | 'not-image'
  | 'video'
  | 'heic'
  | 'corrupt'
  | 'too-large'
  | 'duplicate'
  | 'limit'
  | 'storage-full'
  /** the database refused the write without naming the quota (full disk, closed or broken database) */
  | 'storage-failed'
  | 'locked'
  | 'failed';

export interface PhotoErrorDetails {
  /** the agent's file name, shown in the message */
  fileName?: string;
  /** duplicate: label of the photo already stored ("Foto 2.3") */
  existingLabel?: string;
  /** too-large: the file's size in bytes */
  byteSize?: number;
  /** storage-full / storage-failed: from navigator.storage.estimate() */
  usageBytes?: number;
  quotaBytes?: number;
}

export class PhotoError extends Error {
  constructor(
    readonly code: PhotoErrorCode,
    readonly details: PhotoErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`photo ${code}${details.fileName ? `: ${details.fileName}` : ''}`, options);
    this.name = 'PhotoError';
  }
}
