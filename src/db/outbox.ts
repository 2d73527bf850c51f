// first-load module
// The outbox: one row per report waiting for delivery. Rows only — no network here.
// Shared by the page and the service worker: keep it free of zod (see queue-report.ts).
import type { Note } from '../domain/note';
import type { OutboxItem } from '../domain/outbox';
import type { MobilizaDb } from './database';

/** Every row of `ownerId` (the sync bar, the end of a drain). */
export async function outboxOf(db: MobilizaDb, ownerId: string): Promise<OutboxItem[]> {
  return db.outbox.where('ownerId').equals(ownerId).toArray();
}

/** The row of one report, if it waits. */
export const outboxItem = (db: MobilizaDb, reportId: string): Promise<OutboxItem | undefined> => db.outbox.get(reportId);

/** Rows of every account (a drain with nobody signed in asks for a sign-in if any wait). */
export const outboxCount = (db: MobilizaDb): Promise<number> => db.outbox.count();

/** Items of `ownerId` due at `now`, oldest first. */
export async function dueItems(db: MobilizaDb, ownerId: string, now: number): Promise<OutboxItem[]> {
  const rows = await db.outbox.where('nextAttemptAt').belowOrEqual(now).toArray();
  return rows.filter((r) => r.ownerId === ownerId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** Updates a row only if it still holds the same revision (it may have been replaced by "Editar"). */
export async function patchItem(db: MobilizaDb, item: Pick<OutboxItem, 'reportId' | 'revision'>, patch: Partial<OutboxItem>): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(item.reportId);
    if (!row || row.revision !== item.revision) return false;
    await db.outbox.put({ ...row, ...patch });
    return true;
  });
}

export async function markUploaded(db: MobilizaDb, item: Pick<OutboxItem, 'reportId' | 'revision'>, sha256: string | readonly string[], progress: OutboxItem['progress']) {
  const shas = typeof sha256 === 'string' ? [sha256] : sha256;
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(item.reportId);
    if (!row || row.revision !== item.revision) return false;
    await db.outbox.put({ ...row, uploaded: [...new Set([...row.uploaded, ...shas])], progress });
    return true;
  });
}

/** Delivery confirmed: store the protocol and delete the row in the same transaction. */
export async function completeItem(
  db: MobilizaDb,
  item: Pick<OutboxItem, 'reportId' | 'revision'>,
  receipt: { protocol: string; receivedAt: string },
): Promise<void> {
  await db.transaction('rw', db.outbox, db.reports, db.partners, async () => {
    const row = await db.outbox.get(item.reportId);
    if (row && row.revision === item.revision) {
      await db.outbox.delete(item.reportId);
      // Partners created on the phone went with this report (#16): the endpoint has them now.
      const carried = (JSON.parse(row.body) as { partners?: { id: string }[] }).partners ?? [];
      for (const p of carried) await db.partners.update(p.id, { local: false });
    }
    const report = await db.reports.get(item.reportId);
    if (!report) return;
    // If the agent already started revision N+1, keep editing it; only record the receipt.
    const stillThisRevision = report.status === 'queued' && report.revision === item.revision;
    await db.reports.put({
      ...report,
      protocol: receipt.protocol,
      receivedAt: receipt.receivedAt,
      deliveredRevision: Math.max(report.deliveredRevision ?? 0, item.revision),
      ...(stillThisRevision ? { status: 'received' as const, statusNote: undefined } : {}),
    });
  });
}

/**
 * The endpoint refused this revision for good (4xx other than 401): the report becomes editable
 * as revision N+1 with the reason (`note`), and the row leaves the queue so it blocks nothing.
 */
export async function rejectItem(db: MobilizaDb, item: Pick<OutboxItem, 'reportId' | 'revision'>, note: Note, now = new Date()): Promise<void> {
  await db.transaction('rw', db.outbox, db.reports, async () => {
    const row = await db.outbox.get(item.reportId);
    if (!row || row.revision !== item.revision) return;
    await db.outbox.delete(item.reportId);
    const report = await db.reports.get(item.reportId);
    if (report && report.status === 'queued' && report.revision === item.revision) {
      await db.reports.put({ ...report, status: 'needs_fix', statusNote: note, revision: report.revision + 1, updatedAt: now.toISOString() });
    }
  });
}

/** Makes the owner's waiting rows due at once ("Tentar agora", a new sign-in). */
export async function makeDueNow(db: MobilizaDb, ownerId: string, now: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.where('ownerId').equals(ownerId).modify({ nextAttemptAt: now });
  });
}
