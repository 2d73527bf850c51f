// The municipality's reports downloaded from the endpoint (issue #12), their photos fetched
// lazily, and the merge of an offline draft into the month's existing report.
// Shared by the page and the service worker (status pull): no zod schemas of the report here.
import type { ActionDraft } from '../domain/action';
import type { PhotoRecord } from '../domain/photo';
import type { ReportDraft } from '../domain/report';
import type { LocalRows, RemotePhotoRow } from '../domain/remote-report';
import type { MobilizaDb } from './database';

/** Statuses in which the phone's copy is only a mirror of the endpoint's (safe to refresh). */
const MIRROR: readonly ReportDraft['status'][] = ['received', 'approved', 'consolidated'];

export type SaveRemoteResult = 'added' | 'refreshed' | 'unchanged' | 'local-draft';

/** Keeps the blobs already on the phone for photos of the same sha256. */
async function withKnownBlobs(db: MobilizaDb, photos: RemotePhotoRow[]): Promise<PhotoRecord[]> {
  const out: PhotoRecord[] = [];
  for (const p of photos) {
    const known = p.blob ? undefined : await db.photos.where('sha256').equals(p.sha256).filter((x) => !!x.blob).first();
    out.push({ ...p, blob: p.blob ?? known?.blob, thumb: p.thumb ?? known?.thumb } as PhotoRecord);
  }
  return out;
}

/**
 * Stores a report downloaded from the endpoint: added when the phone lacks it; its content
 * refreshed when the phone only mirrors it (received/approved/consolidated, not queued) and the
 * endpoint has a newer revision. A local report of the same month with another id is never
 * touched ('local-draft': sending it meets 409 period_taken and the agent decides).
 */
export async function saveRemoteReport(db: MobilizaDb, report: ReportDraft, rows: LocalRows): Promise<SaveRemoteResult> {
  return db.transaction('rw', [db.reports, db.actions, db.photos, db.outbox], async () => {
    const current = await db.reports.get(report.id);
    if (!current) {
      const sameMonth = await db.reports.where('[ownerId+period]').equals([report.ownerId, report.period]).first();
      if (sameMonth) return 'local-draft';
      await db.reports.add(report);
      await db.actions.bulkAdd(rows.actions);
      await db.photos.bulkPut(await withKnownBlobs(db, rows.photos));
      return 'added';
    }
    // A mirror's `revision` is the revision its content is.
    const newer = (report.deliveredRevision ?? 0) > current.revision;
    if (!newer || !MIRROR.includes(current.status) || (await db.outbox.get(report.id))) return 'unchanged';
    const photos = await withKnownBlobs(db, rows.photos);
    await db.actions.where('reportId').equals(report.id).delete();
    await db.photos.where('reportId').equals(report.id).delete();
    await db.actions.bulkAdd(rows.actions);
    await db.photos.bulkPut(photos);
    await db.reports.put({ ...report, createdAt: current.createdAt });
    return 'refreshed';
  });
}

/**
 * How many of the endpoint's reports (id, period, revision) the phone should download: unknown ids
 * whose month has no local report, and newer revisions of reports it only mirrors.
 */
export async function reportsToDownload(db: MobilizaDb, ownerId: string, remote: readonly { id: string; period: string; revision: number }[]): Promise<number> {
  return db.transaction('r', db.reports, async () => {
    let n = 0;
    for (const r of remote) {
      const local = await db.reports.get(r.id);
      if (local) {
        if (MIRROR.includes(local.status) && local.revision < r.revision) n++;
      } else if (!(await db.reports.where('[ownerId+period]').equals([ownerId, r.period]).first())) n++;
    }
    return n;
  });
}

/** Photos of a report whose bytes are still only on the endpoint. */
export async function photosWithoutBlob(db: MobilizaDb, reportId: string): Promise<PhotoRecord[]> {
  return (await db.photos.where('reportId').equals(reportId).toArray()).filter((p) => !p.blob);
}

/** Caches a photo fetched from the endpoint in every row of that sha256 still without bytes. */
export async function storePhotoBlob(db: MobilizaDb, sha256: string, blob: Blob): Promise<number> {
  return db.transaction('rw', db.photos, async () =>
    db.photos.where('sha256').equals(sha256).filter((p) => !p.blob).modify({ blob, thumb: blob }),
  );
}

/** Records the month's existing report on the local draft that met 409 period_taken. */
export async function setConflict(db: MobilizaDb, reportId: string, conflict: ReportDraft['conflict']): Promise<void> {
  await db.reports.update(reportId, { conflict });
}

export class MergeRefusedError extends Error {
  constructor(readonly status: string) {
    super(`the month's report is ${status}; the regional must return it first`);
    this.name = 'MergeRefusedError';
  }
}

/**
 * "Juntar ao relatório existente": the local draft's actions (and their photos) are appended, in
 * their order, after the existing report's actions, as its next revision; the local draft row is
 * replaced by that report (one report per month). The result is an editable draft for the agent to
 * review and send. Nothing typed or photographed is dropped: action and photo rows keep their ids
 * and blobs, only their report and numbers change ("Foto 2.1" becomes "Foto 5.1").
 */
export async function mergeIntoExisting(
  db: MobilizaDb,
  localId: string,
  existing: ReportDraft,
  rows: LocalRows,
  now = new Date(),
): Promise<ReportDraft> {
  if (existing.status !== 'received' && existing.status !== 'returned') throw new MergeRefusedError(existing.status);
  return db.transaction('rw', [db.reports, db.actions, db.photos, db.outbox], async () => {
    const local = await db.reports.get(localId);
    if (!local) throw new Error('local report not found');
    const at = now.toISOString();
    const localActions = (await db.actions.where('reportId').equals(localId).toArray()).sort((a, b) => a.number - b.number);
    const known = new Set(rows.actions.map((a) => a.id));
    const moved: ActionDraft[] = localActions
      .filter((a) => !known.has(a.id))
      .map((a, i) => ({ ...a, reportId: existing.id, number: rows.actions.length + i + 1, updatedAt: at }));
    const localPhotos = await db.photos.where('reportId').equals(localId).toArray();
    await db.outbox.delete(localId);
    await db.reports.delete(localId);
    const prior = await db.reports.get(existing.id);
    if (prior) {
      await db.actions.where('reportId').equals(existing.id).delete();
      await db.photos.where('reportId').equals(existing.id).delete();
    }
    const notes = [existing.notes.trim(), local.notes.trim()].filter((n, i, all) => n && all.indexOf(n) === i).join('\n\n');
    const merged: ReportDraft = {
      ...existing,
      ownerId: local.ownerId,
      status: 'draft',
      revision: (existing.deliveredRevision ?? existing.revision) + 1,
      notes,
      responsible: existing.responsible.name ? existing.responsible : local.responsible,
      noActionsJustification: '',
      conflict: undefined,
      statusNote: undefined,
      createdAt: prior?.createdAt ?? local.createdAt,
      updatedAt: at,
    };
    await db.reports.put(merged);
    await db.actions.bulkPut([...rows.actions, ...moved]);
    await db.photos.bulkPut([
      ...(await withKnownBlobs(db, rows.photos)),
      ...localPhotos.filter((p) => !known.has(p.actionId)).map((p) => ({ ...p, reportId: existing.id })),
    ]);
    return merged;
  });
}

/**
 * Records the actions a return marked (by number, as the regional saw them) on the phone's copy,
 * once per review (`at`): their ids and current updatedAt, so later edits are told apart.
 */
export async function applyMarks(db: MobilizaDb, ownerId: string, reportId: string, numbers: readonly number[], at: string): Promise<boolean> {
  return db.transaction('rw', db.reports, db.actions, async () => {
    const report = await db.reports.get(reportId);
    if (!report || report.ownerId !== ownerId || report.status !== 'returned' || report.marks?.at === at) return false;
    const actions = await db.actions.where('reportId').equals(reportId).toArray();
    const marked = actions.filter((a) => numbers.includes(a.number));
    await db.reports.update(reportId, { marks: { at, actions: Object.fromEntries(marked.map((a) => [a.id, a.updatedAt])) } });
    return true;
  });
}

/** True while a report of `ownerId` was delivered and waits for the regional's decision. */
export async function awaitingDecision(db: MobilizaDb, ownerId: string): Promise<boolean> {
  return (await db.reports.where('ownerId').equals(ownerId).filter((r) => r.status === 'received').count()) > 0;
}
