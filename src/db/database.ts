// first-load module: the database is opened before the first screen renders.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { ActionDraft } from '../domain/action';
import type { OutboxItem } from '../domain/outbox';
import type { PartnerRow } from '../domain/partner-row';
import type { MaterialRecord } from '../domain/material';
import type { PhotoRecord } from '../domain/photo';
import type { ReportDraft } from '../domain/report';
import { upgradeNote } from './legacy-notes';

/** A last-chance copy of an edit written on `pagehide` (see put-now.ts), replayed at start. */
export interface JournalRow {
  key: string;
  table: 'actions' | 'reports';
  row: { id: string; updatedAt: string } & Record<string, unknown>;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'mobiliza';

/** The phone's database. Schema changes only ever add a version (never edit an old one). */
export class MobilizaDb extends Dexie {
  reports!: Table<ReportDraft, string>;
  actions!: Table<ActionDraft, string>;
  photos!: Table<PhotoRecord, string>;
  outbox!: Table<OutboxItem, string>;
  settings!: Table<SettingRow, string>;
  journal!: Table<JournalRow, string>;
  partners!: Table<PartnerRow, string>;
  /** campaign pieces of the month and tutorials (#16); `blob` when kept offline */
  materials!: Table<MaterialRecord, string>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      reports: 'id, &[ownerId+period], ownerId, status',
      actions: 'id, reportId, [reportId+number]',
      photos: 'id, actionId, reportId, [actionId+number], sha256',
      outbox: 'reportId, ownerId, nextAttemptAt',
      settings: 'key',
      journal: 'key',
    });
    // 2: codes instead of Portuguese sentences (lastError, statusMessage → statusNote); same indexes
    this.version(2)
      .stores({})
      .upgrade(async (tx) => {
        await tx.table('outbox').toCollection().modify((row: { lastError?: unknown }) => {
          const note = upgradeNote(row.lastError);
          if (note) row.lastError = note;
          else delete row.lastError;
        });
        await tx.table('reports').toCollection().modify((row: ReportDraft & { statusMessage?: unknown }) => {
          const note = row.statusNote ?? upgradeNote(row.statusMessage, row.status);
          delete row.statusMessage;
          if (note) row.statusNote = note;
        });
        await tx.table('settings').where('key').equals('syncState').modify((row: SettingRow) => {
          const state = row.value as { lastError?: unknown } | undefined;
          if (!state || state.lastError === undefined) return;
          const note = upgradeNote(state.lastError);
          row.value = { ...state, lastError: note };
          if (!note) delete (row.value as { lastError?: unknown }).lastError;
        });
      });
    // 3 (#16): the municipality's partner registry, kept per account (contact data is personal data)
    this.version(3).stores({ partners: 'id, ownerId, [ownerId+nameKey]' });
    // 4 (#16, i16b): campaign materials kept offline; adds a table only (version 3 is i16a's)
    this.version(4).stores({ materials: 'id' });
  }
}

export interface OpenDatabaseOptions {
  name?: string;
  /** fake-indexeddb in tests: a fresh IDBFactory per test */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export function openDatabase(options: OpenDatabaseOptions = {}): MobilizaDb {
  const { name, ...deps } = options;
  return new MobilizaDb(name ?? DB_NAME, deps.indexedDB ? (deps as DexieOptions) : undefined);
}

/** Thrown when a change targets a report that is frozen (queued, received, approved). */
export class ReportLockedError extends Error {
  constructor(readonly status: string) {
    super(`report is ${status}; create a new revision to edit it`);
    this.name = 'ReportLockedError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}
