import { emptyActionFields, type ActionDraft, type ActionDraftFields } from '../domain/action';
import type { PhotoRecord } from '../domain/photo';
import { NotFoundError, type MobilizaDb } from './database';
import { requireEditable, touchReport } from './reports';

export async function actionsOfReport(db: MobilizaDb, reportId: string): Promise<ActionDraft[]> {
  return db.actions.where('[reportId+number]').between([reportId, -Infinity], [reportId, Infinity]).toArray();
}

export const getAction = (db: MobilizaDb, actionId: string): Promise<ActionDraft | undefined> => db.actions.get(actionId);

/** Writes `list` so that numbers are 1..n in list order. */
async function renumber(db: MobilizaDb, list: ActionDraft[], now: Date) {
  const at = now.toISOString();
  const changed = list
    .map((a, i) => (a.number === i + 1 ? null : { ...a, number: i + 1, updatedAt: at }))
    .filter((a): a is ActionDraft => a !== null);
  if (changed.length) await db.actions.bulkPut(changed);
}

export async function addAction(
  db: MobilizaDb,
  reportId: string,
  fields: Partial<ActionDraftFields> = {},
  now = new Date(),
): Promise<ActionDraft> {
  return db.transaction('rw', db.reports, db.actions, async () => {
    await requireEditable(db, reportId);
    const count = await db.actions.where('reportId').equals(reportId).count();
    const at = now.toISOString();
    const action: ActionDraft = {
      ...emptyActionFields(),
      ...fields,
      id: crypto.randomUUID(),
      reportId,
      number: count + 1,
      createdAt: at,
      updatedAt: at,
    };
    await db.actions.add(action);
    await touchReport(db, reportId, now);
    return action;
  });
}

export async function updateAction(
  db: MobilizaDb,
  actionId: string,
  patch: Partial<ActionDraftFields>,
  now = new Date(),
): Promise<ActionDraft> {
  return db.transaction('rw', db.reports, db.actions, async () => {
    const action = await db.actions.get(actionId);
    if (!action) throw new NotFoundError('action');
    await requireEditable(db, action.reportId);
    const next: ActionDraft = { ...action, ...patch, updatedAt: now.toISOString() };
    await db.actions.put(next);
    await touchReport(db, action.reportId, now);
    return next;
  });
}

/** Copies an action's fields (not its photos) into a new action right after it, titled `titleOf(title)`. */
export async function duplicateAction(db: MobilizaDb, actionId: string, titleOf: (title: string) => string, now = new Date()): Promise<ActionDraft> {
  return db.transaction('rw', db.reports, db.actions, async () => {
    const source = await db.actions.get(actionId);
    if (!source) throw new NotFoundError('action');
    await requireEditable(db, source.reportId);
    const list = await actionsOfReport(db, source.reportId);
    const at = now.toISOString();
    const copy: ActionDraft = {
      ...structuredClone(source),
      id: crypto.randomUUID(),
      title: titleOf(source.title),
      number: source.number + 1,
      createdAt: at,
      updatedAt: at,
    };
    list.splice(source.number, 0, copy);
    await db.actions.add(copy);
    await renumber(db, list, now);
    await touchReport(db, source.reportId, now);
    return copy;
  });
}

/** What deleteAction removed, enough to put it back exactly ("Desfazer"). */
export interface DeletedAction {
  action: ActionDraft;
  photos: PhotoRecord[];
}

export async function deleteAction(db: MobilizaDb, actionId: string, now = new Date()): Promise<DeletedAction> {
  return db.transaction('rw', db.reports, db.actions, db.photos, async () => {
    const action = await db.actions.get(actionId);
    if (!action) throw new NotFoundError('action');
    await requireEditable(db, action.reportId);
    const photos = await db.photos.where('actionId').equals(actionId).toArray();
    await db.photos.bulkDelete(photos.map((p) => p.id));
    await db.actions.delete(actionId);
    const rest = (await actionsOfReport(db, action.reportId)).filter((a) => a.id !== actionId);
    await renumber(db, rest, now);
    await touchReport(db, action.reportId, now);
    return { action, photos };
  });
}

/** Undo of deleteAction: the action returns at its old number, with its photos. */
export async function restoreAction(db: MobilizaDb, deleted: DeletedAction, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, db.actions, db.photos, async () => {
    const { action, photos } = deleted;
    await requireEditable(db, action.reportId);
    const list = await actionsOfReport(db, action.reportId);
    list.splice(Math.min(action.number - 1, list.length), 0, action);
    await db.actions.put(action);
    await db.photos.bulkPut(photos);
    await renumber(db, list, now);
    await touchReport(db, action.reportId, now);
  });
}

/** Moves an action up (-1) or down (+1) in the numbered list. */
export async function moveAction(db: MobilizaDb, actionId: string, delta: -1 | 1, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, db.actions, async () => {
    const action = await db.actions.get(actionId);
    if (!action) throw new NotFoundError('action');
    await requireEditable(db, action.reportId);
    const list = await actionsOfReport(db, action.reportId);
    const from = list.findIndex((a) => a.id === actionId);
    const to = from + delta;
    if (to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
    await renumber(db, list, now);
    await touchReport(db, action.reportId, now);
  });
}
