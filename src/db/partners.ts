// The municipality's partners on the phone (#16): downloaded with the status pull, created offline
// in the action editor, sent once with the report that first names them.
import type { PartnerRow } from '../domain/partner-row';
import { foldForSearch } from '../domain/text';
import type { MobilizaDb } from './database';

export type NewPartnerFields = Pick<PartnerRow, 'name' | 'kind' | 'governmental' | 'sector' | 'phone' | 'email' | 'social' | 'campaigns'>;

/** The account's partners, by name. */
export async function partnersOf(db: MobilizaDb, ownerId: string): Promise<PartnerRow[]> {
  return db.partners.where('[ownerId+nameKey]').between([ownerId, ''], [ownerId, '\uffff']).toArray();
}

/** Accent- and case-insensitive search on every word typed ("sao jose" finds "Escola São José"). */
export async function searchPartners(db: MobilizaDb, ownerId: string, query: string, limit = 8): Promise<PartnerRow[]> {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  return db.partners.where('[ownerId+nameKey]').between([ownerId, ''], [ownerId, '\uffff'])
    .filter((p) => words.every((w) => p.nameKey.includes(w))).limit(limit).toArray();
}

/**
 * A partner typed in the action editor, offline. A name the phone already has (same normalised
 * name) gives back that partner instead of a second one.
 */
export async function addLocalPartner(db: MobilizaDb, ownerId: string, municipalityCode: string, f: NewPartnerFields): Promise<PartnerRow> {
  const nameKey = foldForSearch(f.name);
  return db.transaction('rw', db.partners, async () => {
    const same = await db.partners.where('[ownerId+nameKey]').equals([ownerId, nameKey]).first();
    if (same) return same;
    const row: PartnerRow = { ...f, name: f.name.trim(), id: crypto.randomUUID(), ownerId, municipalityCode, nameKey, status: 'active', local: true };
    await db.partners.add(row);
    return row;
  });
}

/** The endpoint's list replaces the downloaded rows; partners created here and not yet delivered stay. */
export async function replaceServerPartners(db: MobilizaDb, ownerId: string, rows: Omit<PartnerRow, 'ownerId' | 'nameKey'>[]): Promise<void> {
  await db.transaction('rw', db.partners, async () => {
    await db.partners.where('ownerId').equals(ownerId).filter((p) => !p.local).delete();
    // a created-here partner the endpoint lists is delivered: its row becomes the endpoint's
    await db.partners.bulkPut(rows.map((r) => ({ ...r, ownerId, nameKey: foldForSearch(r.name) })));
  });
}

/** Created-here partners that `ids` name (what a report must carry to the endpoint). */
export async function localPartners(db: MobilizaDb, ids: string[]): Promise<PartnerRow[]> {
  return (await db.partners.bulkGet(ids)).filter((p): p is PartnerRow => !!p?.local);
}

/** A pending sign-up the agent confirmed at the endpoint. */
export async function markPartnerActive(db: MobilizaDb, id: string): Promise<void> {
  await db.partners.update(id, { status: 'active' });
}

/** A refused sign-up leaves the phone (the endpoint erased its contact data). */
export async function dropPartner(db: MobilizaDb, id: string): Promise<void> {
  await db.partners.delete(id);
}

/** The account's actions that name a partner (by id, or by name for free-text partners), newest first. */
export async function partnerHistory(db: MobilizaDb, ownerId: string, p: { id?: string; nameKey: string }): Promise<{ reportId: string; actionId: string; date: string; title: string }[]> {
  const reports = new Set(await db.reports.where('ownerId').equals(ownerId).primaryKeys());
  const actions = await db.actions.filter((a) => reports.has(a.reportId) && a.partners.some((x) => (p.id && x.partnerId === p.id) || (!x.partnerId && foldForSearch(x.name) === p.nameKey))).toArray();
  return actions.map((a) => ({ reportId: a.reportId, actionId: a.id, date: a.date, title: a.title })).sort((a, b) => b.date.localeCompare(a.date));
}
