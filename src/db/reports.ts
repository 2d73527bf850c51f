// first-load module (listing); the editor's commands live in actions.ts
import type { OutboxItem } from '../domain/outbox';
import type { ReportDraft, ReportHeaderFields, ReportStatus } from '../domain/report';
import { NotFoundError, ReportLockedError, type MobilizaDb } from './database';
import { isSettled } from '../domain/status';

/** Statuses in which the agent may change a report. */
export const EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'needs_fix', 'returned'];

export interface NewReport {
  ownerId: string;
  municipalityCode: string;
  period: string;
  responsible?: Partial<ReportDraft['responsible']>;
}

/** Creates the month's report, or returns the one that already exists (one per account and month). */
export async function createReport(db: MobilizaDb, input: NewReport, now = new Date()): Promise<ReportDraft> {
  return db.transaction('rw', db.reports, async () => {
    const existing = await db.reports.where('[ownerId+period]').equals([input.ownerId, input.period]).first();
    if (existing) return existing;
    const at = now.toISOString();
    const report: ReportDraft = {
      id: crypto.randomUUID(),
      ownerId: input.ownerId,
      municipalityCode: input.municipalityCode,
      period: input.period,
      responsible: { name: '', role: '', phone: '', email: '', ...input.responsible },
      notes: '',
      noActionsJustification: '',
      status: 'draft',
      revision: 1,
      createdAt: at,
      updatedAt: at,
    };
    await db.reports.add(report);
    return report;
  });
}

export async function getReport(db: MobilizaDb, id: string): Promise<ReportDraft | undefined> {
  return db.reports.get(id);
}

/** Loads a report inside a transaction and refuses when it is frozen. */
export async function requireEditable(db: MobilizaDb, reportId: string): Promise<ReportDraft> {
  const report = await db.reports.get(reportId);
  if (!report) throw new NotFoundError('report');
  if (!EDITABLE_STATUSES.includes(report.status)) throw new ReportLockedError(report.status);
  return report;
}

export async function updateReportHeader(
  db: MobilizaDb,
  reportId: string,
  patch: Partial<ReportHeaderFields>,
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.reports, async () => {
    const report = await requireEditable(db, reportId);
    await db.reports.put({
      ...report,
      ...patch,
      responsible: { ...report.responsible, ...patch.responsible },
      updatedAt: now.toISOString(),
    });
  });
}

export interface ReportCard {
  report: ReportDraft;
  actionCount: number;
  photoCount: number;
  actionsWithoutPhotos: number;
  /** its outbox row while queued */
  item?: OutboxItem;
}

/**
 * The reports list: one card per month, newest month first. A summary read from the indexes only,
 * with as few IndexedDB requests as possible (issue #17: on a throttled phone each request costs
 * ~2 ms of Dexie dispatch, and a key cursor is one request per photo): the owner's reports (one
 * getAll), the outbox rows (one getAll), per report the action ids (one getAllKeys) and the photo
 * count (one index count); no photo row (with its Blobs) is ever loaded. Only a report the agent
 * may still edit counts photos per action (one count each) for `actionsWithoutPhotos`; a sent report
 * passed the check (every action has a photo), and only "Liberar espaço" removes its photos, all at
 * once.
 */
export async function listReportCards(db: MobilizaDb, ownerId: string): Promise<ReportCard[]> {
  return db.transaction('r', [db.reports, db.actions, db.photos, db.outbox], async () => {
    const [reports, items] = await Promise.all([db.reports.where('ownerId').equals(ownerId).toArray(), db.outbox.toArray()]);
    reports.sort((a, b) => b.period.localeCompare(a.period));
    return Promise.all(
      reports.map(async (report) => {
        const [actions, photoCount] = await Promise.all([
          db.actions.where('reportId').equals(report.id).primaryKeys() as Promise<string[]>,
          db.photos.where('reportId').equals(report.id).count(),
        ]);
        const perAction = EDITABLE_STATUSES.includes(report.status) ? await Promise.all(actions.map((id) => db.photos.where('actionId').equals(id).count())) : undefined;
        return cardOf(report, actions, photoCount, perAction, items);
      }),
    );
  });
}

/** One card from the counts read (shared with the quick first-screen read in first-screen.ts). */
export function cardOf(report: ReportDraft, actionIds: string[], photoCount: number, photosPerAction: number[] | undefined, items: OutboxItem[]): ReportCard {
  const actionsWithoutPhotos = photosPerAction ? photosPerAction.filter((n) => n === 0).length : photoCount === 0 ? actionIds.length : 0;
  return { report, item: items.find((i) => i.reportId === report.id), actionCount: actionIds.length, photoCount, actionsWithoutPhotos };
}

/** Mark the whole report as touched (called by the commands that change its parts). */
export async function touchReport(db: MobilizaDb, reportId: string, now: Date): Promise<void> {
  await db.reports.update(reportId, { updatedAt: now.toISOString() });
}

/** Statuses whose photos the endpoint holds for good (the agent may free the space). */

export async function settledPhotoUsage(db: MobilizaDb, ownerId: string): Promise<{ photos: number; bytes: number }> {
  return db.transaction('r', db.reports, db.photos, async () => {
    const ids = (await db.reports.where('ownerId').equals(ownerId).toArray()).filter((r) => isSettled(r.status)).map((r) => r.id);
    const photos = ids.length ? await db.photos.where('reportId').anyOf(ids).toArray() : [];
    return { photos: photos.length, bytes: photos.reduce((n, p) => n + (p.blob ? p.byteSize : 0) + (p.thumb && p.thumb !== p.blob ? p.thumb.size : 0), 0) };
  });
}

/**
 * Frees space: deletes the photos of approved/consolidated months (the endpoint keeps them).
 * Never touches a draft, a queued or a returned report.
 */
export async function clearSettledPhotos(db: MobilizaDb, ownerId: string): Promise<number> {
  return db.transaction('rw', db.reports, db.photos, async () => {
    const reports = (await db.reports.where('ownerId').equals(ownerId).toArray()).filter((r) => isSettled(r.status));
    let removed = 0;
    for (const r of reports) removed += await db.photos.where('reportId').equals(r.id).delete();
    return removed;
  });
}

/**
 * The status pull: for each id, `patchOf` says what changes on `ownerId`'s copy (undefined: nothing).
 * One transaction; returns how many reports changed. Reports of other accounts are never touched.
 */
export async function patchOwnReports(
  db: MobilizaDb,
  ownerId: string,
  ids: readonly string[],
  patchOf: (report: ReportDraft, index: number) => Partial<ReportDraft> | undefined,
  now = new Date(),
): Promise<number> {
  let changed = 0;
  await db.transaction('rw', db.reports, async () => {
    for (const [index, id] of ids.entries()) {
      const report = await db.reports.get(id);
      if (!report || report.ownerId !== ownerId) continue;
      const patch = patchOf(report, index);
      if (!patch) continue;
      await db.reports.put({ ...report, ...patch, updatedAt: now.toISOString() });
      changed++;
    }
  });
  return changed;
}
