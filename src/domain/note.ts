// first-load module
/**
 * What the phone stores about a failed delivery or a review outcome: a code and data, never a
 * sentence, so an update can reword the text and the UI can act on the code. The Portuguese text of
 * each code lives in src/ui/messages.ts (noteText).
 */
export type NoteCode =
  /** no network to the endpoint */
  | 'offline'
  /** the request took too long and was aborted */
  | 'timeout'
  /** 429: the endpoint asked to wait */
  | 'rate_limited'
  /** 5xx or 408 (detail.status) */
  | 'server_error'
  /** a 4xx refusal (detail.status, and the endpoint's detail.serverCode / detail.message) */
  | 'rejected'
  /** a photo the report references is no longer on the phone */
  | 'photo_missing'
  /** 401: sign in again */
  | 'session_expired'
  /** the regional returned the report (detail.by, detail.at, detail.comment) */
  | 'returned'
  /** the regional approved it (detail.by, detail.at) */
  | 'approved'
  | 'consolidated'
  /** a text written by an older version that maps to no code (kept in detail.text) */
  | 'legacy';

export interface NoteDetail {
  status?: number;
  serverCode?: string;
  /** the endpoint's own message (already user-facing, from the server) */
  message?: string;
  by?: string;
  /** ISO date-time */
  at?: string;
  comment?: string;
  /** the sentence an older version stored, kept word for word */
  text?: string;
}

export interface Note {
  code: NoteCode;
  detail?: NoteDetail;
}
