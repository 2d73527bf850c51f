// first-load module: a snapshot of the reports list in localStorage, painted on a repeat open before
// any script module loads (issue #17 part 2: at 4× CPU the first paint waited ~1 s for the scripts'
// evaluation and 200–900 ms more for IndexedDB to open). It is a picture of the screen, never a
// source of truth: the list's own markup as it was (municipality, regional, per month the status
// line and the counts — nothing the list does not show), marked as a snapshot (busy, "Atualizando…",
// no button that writes; its links only change the route, and the screen they open reads the
// database). The inline script in index.html paints it; src/main.tsx replaces it with the list read
// through the database as soon as that answers. It is rewritten whenever the list changes and
// removed when there is no agent list any more (sign-out, a reviewer's session).

export const SNAPSHOT_KEY = 'mobiliza:list-snapshot';
/** the format index.html's script reads; a snapshot of another format is not painted */
export const SNAPSHOT_VERSION = 1;
/** older than this, the snapshot is not painted (index.html's script holds the same number) */
export const SNAPSHOT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export interface ListSnapshot {
  v: typeof SNAPSHOT_VERSION;
  savedAt: number;
  /** the inner HTML of #app, as Preact rendered <SnapshotList> (text escaped by the DOM serializer) */
  html: string;
}

type Store = Pick<Storage, 'setItem' | 'removeItem'>;

/** Writes the snapshot; a full or disabled storage only means the next open waits for the read. */
export function writeListSnapshot(store: Store, html: string, now = Date.now()): void {
  const value: ListSnapshot = { v: SNAPSHOT_VERSION, savedAt: now, html };
  try {
    store.setItem(SNAPSHOT_KEY, JSON.stringify(value));
  } catch {
    /* quota or disabled storage */
  }
}

export function clearListSnapshot(store: Store): void {
  try {
    store.removeItem(SNAPSHOT_KEY);
  } catch {
    /* disabled storage */
  }
}
