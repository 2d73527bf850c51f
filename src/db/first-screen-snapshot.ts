// first-load module: a copy of the reports list in localStorage, so that a repeat open paints the
// list before IndexedDB answers (issue #17 part 2: on a cheap phone the first IndexedDB read costs
// 200–400 ms, localStorage is read synchronously from memory the browser already holds).
//
// It is a cache, never a source: the reports list writes it each time what it shows changes (its
// live query over IndexedDB) and removes it when another screen opens (that screen may change what
// the list would show), so it exists only for an app last seen on its list. The first render uses
// it and the same live query replaces it within a moment. What the worker changed while the app was
// closed (a status pulled in the background) shows for that moment as it was. Nothing is edited
// through it.
//
// It holds what the list shows and nothing more: the profile (the header and "Começar relatório"),
// and per month the report's status fields and counts — no notes, no responsible person, no outbox
// body, never the session (its token and device secret stay in IndexedDB). It is removed when the
// profile is gone (sign-out, a wiped phone) or another account signs in, and ignored when its
// format or the database schema is not the code's.
import { ownerIdOf, type OutboxItem, type ProfileSetting } from '../domain/outbox';
import type { ReportDraft } from '../domain/report';
import { REPORT_STATUSES } from '../domain/status';
import type { FirstScreen } from './first-screen';
import type { ReportCard } from './reports';

export const SNAPSHOT_KEY = 'mobiliza:first-screen';

/** What it needs of localStorage (this module is also bundled into the worker, which has none). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
const FORMAT = 1;

interface Snapshot {
  format: number;
  /** the database schema it was read from (Dexie's verno) */
  schema: number;
  profile: ProfileSetting;
  ownerId: string;
  cards: ReportCard[];
}

const REPORT_KEEP = ['id', 'ownerId', 'municipalityCode', 'period', 'status', 'revision', 'createdAt', 'updatedAt', 'protocol', 'receivedAt', 'statusNote'] as const;
const ITEM_KEEP = ['reportId', 'revision', 'ownerId', 'queuedAt', 'attempts', 'nextAttemptAt', 'lastError', 'progress'] as const;

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** A card as the list shows it: the report's status fields, the outbox row's timing and error, the counts. */
export function compactCard(card: ReportCard): ReportCard {
  const report: ReportDraft = {
    responsible: { name: '', role: '', phone: '', email: '' },
    notes: '',
    noActionsJustification: '',
    ...pick(card.report, REPORT_KEEP),
  };
  const item: OutboxItem | undefined = card.item && { body: '', photoHashes: [], uploaded: [], ...pick(card.item, ITEM_KEEP) };
  return { report, actionCount: card.actionCount, photoCount: card.photoCount, actionsWithoutPhotos: card.actionsWithoutPhotos, ...(item ? { item } : {}) };
}

/** Stores the list just shown (a full or unavailable storage only costs the next open its speed). */
export function writeSnapshot(storage: KeyValueStore | undefined, schema: number, profile: ProfileSetting, ownerId: string, cards: ReportCard[]): void {
  try {
    const snapshot: Snapshot = { format: FORMAT, schema, profile, ownerId, cards: cards.map(compactCard) };
    storage?.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
  } catch {
    clearSnapshot(storage);
  }
}

/** The page's localStorage; undefined in a worker or where the browser refuses it. */
export function storageHere(): KeyValueStore | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage;
  } catch {
    return undefined;
  }
}

export function clearSnapshot(storage: KeyValueStore | undefined): void {
  try {
    storage?.removeItem(SNAPSHOT_KEY);
  } catch {
    // storage unavailable: nothing stored either
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

function validCard(c: ReportCard | undefined, ownerId: string): boolean {
  const r = c?.report;
  return (
    !!r && isString(r.id) && isString(r.period) && isString(r.updatedAt) && r.ownerId === ownerId && REPORT_STATUSES.includes(r.status) &&
    isCount(c.actionCount) && isCount(c.photoCount) && isCount(c.actionsWithoutPhotos) && (c.item === undefined || isString(c.item.queuedAt))
  );
}

/**
 * The first screen from the snapshot, or undefined (none, another format or schema, anything
 * malformed — a malformed one is removed). The session is not in it: `session: null` here means
 * "not read yet", and App's live query brings the real one.
 */
export function readSnapshot(storage: KeyValueStore | undefined, schema: number): FirstScreen | undefined {
  let text: string | null | undefined;
  try {
    text = storage?.getItem(SNAPSHOT_KEY);
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as Partial<Snapshot>;
    const p = s.profile;
    const valid =
      s.format === FORMAT && s.schema === schema && !!p && isString(p.municipalityCode) && isString(p.municipalityName) && isString(p.regional) &&
      isString(s.ownerId) && ownerIdOf(p) === s.ownerId && Array.isArray(s.cards) && s.cards.every((c) => validCard(c, s.ownerId!));
    if (valid) return { profile: p, session: null, cards: { ownerId: s.ownerId!, cards: s.cards! } };
  } catch {
    // not JSON: dropped below
  }
  clearSnapshot(storage);
  return undefined;
}
