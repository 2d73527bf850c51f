// first-load module (replayJournal runs at start-up)
import type { ActionDraft } from '../domain/action';
import type { ReportDraft } from '../domain/report';
import type { JournalRow, MobilizaDb } from './database';
import { EDITABLE_STATUSES } from './reports';

/**
 * Last-chance write for `pagehide`. A closing tab runs no further tasks, so a Dexie transaction
 * (several event-loop turns) started then never commits — and any native write to the same store
 * would queue behind it and die too. So this issues one native put into the `journal` store, which
 * nothing else writes during editing, and commits it explicitly. `replayJournal` applies it at the
 * next start if the stored row is older.
 */
export function putNow(db: MobilizaDb, table: JournalRow['table'], row: JournalRow['row']): boolean {
  try {
    const tx = db.backendDB().transaction('journal', 'readwrite');
    const entry: JournalRow = { key: `${table}:${row.id}`, table, row };
    tx.objectStore('journal').put(entry);
    tx.commit?.();
    return true;
  } catch (error) {
    console.error('last-chance save failed', error);
    return false;
  }
}

const ACTION_FIXED = ['id', 'reportId', 'number', 'createdAt'] as const;
const REPORT_FIELDS = ['responsible', 'notes', 'noActionsJustification'] as const;

/** Applies journal entries newer than the stored rows (only to editable reports), then clears them. */
export async function replayJournal(db: MobilizaDb): Promise<number> {
  return db.transaction('rw', db.journal, db.actions, db.reports, async () => {
    let applied = 0;
    for (const { table, row } of await db.journal.toArray()) {
      if (table === 'actions') {
        const current = await db.actions.get(row.id);
        const report = current && (await db.reports.get(current.reportId));
        if (!current || !report || !EDITABLE_STATUSES.includes(report.status) || current.updatedAt >= row.updatedAt) continue;
        const next = { ...current, ...row } as ActionDraft;
        for (const key of ACTION_FIXED) (next as unknown as Record<string, unknown>)[key] = current[key];
        await db.actions.put(next);
        applied++;
      } else {
        const current = await db.reports.get(row.id);
        if (!current || !EDITABLE_STATUSES.includes(current.status) || current.updatedAt >= row.updatedAt) continue;
        const next: ReportDraft = { ...current, updatedAt: row.updatedAt };
        for (const key of REPORT_FIELDS) if (key in row) (next as unknown as Record<string, unknown>)[key] = row[key];
        await db.reports.put(next);
        applied++;
      }
    }
    await db.journal.clear();
    return applied;
  });
}
