/** Every size and count limit, shared by the phone and the endpoint. */
export const LIMITS = {
  actionsPerReport: 60,
  photosPerAction: 10,
  /** free space (navigator.storage.estimate) a photo write must leave: a disk written to its very end
   * can leave Chromium's IndexedDB broken, and on its next start it may drop the whole database */
  storageReserveBytes: 2 * 2 ** 20,
  titleChars: 150,
  descriptionChars: 4000,
  notesChars: 4000,
  justificationChars: 2000,
  shortTextChars: 200,
  captionChars: 300,
  partnersPerAction: 30,
  /** partners created on the phone that one report may carry (#16) */
  newPartnersPerReport: 200,
  participantsMax: 100_000,
  /** Largest photo the endpoint accepts (bytes). */
  photoMaxBytes: 2 * 1024 * 1024,
  /** Largest report JSON the endpoint accepts (bytes). */
  reportMaxBytes: 512 * 1024,
} as const;

/** What the phone aims for when it compresses a photo. */
export const PHOTO_TARGET = {
  maxSide: 1600,
  /**
   * First JPEG quality. 0.75 gave a 222 KB median on the real phone fixtures (goal: ≤ 200 KB);
   * 0.65 gives 184 KB with no visible loss at 1600 px (tests/bench/photos.ts).
   */
  quality: 0.65,
  maxBytes: 300 * 1024,
  thumbSide: 320,
  /** Never allocate a canvas larger than this many pixels (iOS/Android limit). */
  maxCanvasPixels: 16_777_216,
  /** Larger input files are refused before decoding (a 50 MP phone JPEG is about 25 MB). */
  maxInputBytes: 40 * 1024 * 1024,
  /** Encodes per photo at most (first try + lower-quality retries) when aiming for maxBytes. */
  maxEncodes: 3,
} as const;

export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
