// The partner registry (#16): partners created by agents (sent with a report), public sign-ups
// waiting for confirmation, merges, each partner's history and the Painel's count by sector.
import type { User } from '../../src/domain/api.ts';
import { findMunicipality } from '../../src/domain/municipality.ts';
import { partnerNameKey, type NewPartner } from '../../src/domain/partner.ts';
import { PARTNER_SIGNUP_PURPOSE, type PartnerRecord, type PartnerSignup, type PartnerStatus } from '../../src/domain/partner-registry.ts';
import { inScope, scopeOf, scopeSql, type Scope } from '../auth/scope.ts';
import { nearDuplicatePairs } from '../partners/near-duplicates.ts';
import { COUNTED_STATUSES } from './action-facts.ts';
import { audit } from './audit.ts';
import type { Driver, Queryable } from './driver.ts';

interface Row {
  id: string; municipality_code: string | null; name: string; name_key: string; kind: string; governmental: boolean;
  sector: string; phone: string | null; email: string | null; social: string | null; campaigns: boolean;
  status: PartnerStatus; source: string; updated_at: Date; merged_into: string | null;
}
const COLUMNS = 'p.id, p.municipality_code, p.name, p.name_key, p.kind, p.governmental, p.sector, p.phone, p.email, p.social, p.campaigns, p.status, p.source, p.updated_at, p.merged_into';

/** Contact data is personal data: the municipality's agents, its regional unit and central (state-wide partners: central). */
export function seesContact(user: User, municipalityCode: string | null): boolean {
  return municipalityCode === null ? user.role === 'central' : inScope(scopeOf(user), municipalityCode);
}

/** The partners a user may see at all: its scope's, and the state-wide ones. */
function visibleSql(user: User, params: unknown[]): string {
  return `(p.municipality_code IS NULL OR ${scopeSql(scopeOf(user), 'p.municipality_code', params)})`;
}

function toRecord(r: Row, user: User): PartnerRecord {
  const base: PartnerRecord = {
    id: r.id, municipalityCode: r.municipality_code, name: r.name, kind: r.kind, governmental: r.governmental, sector: r.sector,
    status: r.status, campaigns: r.campaigns, source: r.source, updatedAt: r.updated_at.toISOString(),
  };
  if (!seesContact(user, r.municipality_code)) return base;
  return { ...base, phone: r.phone ?? undefined, email: r.email ?? undefined, social: r.social ?? undefined };
}

const auditPartner = (q: Queryable, at: Date, actorId: string | null, action: string, id: string, from: string | null, to: string, detail: Record<string, unknown> = {}) =>
  audit(q, { at, actorId, action, entityType: 'partner', entityId: id, fromStatus: from ?? undefined, toStatus: to, detail });

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Facts of free-text partners of this name now belong to the registry's partner. */
async function claimFreeTextFacts(tx: Queryable, id: string, municipalityCode: string | null, nameKey: string) {
  if (municipalityCode === null) return;
  await tx.query('UPDATE partner_facts SET partner_id = $1 WHERE partner_id IS NULL AND municipality_code = $2 AND name_key = $3', [id, municipalityCode, nameKey]);
}

/**
 * Partners an agent created on the phone, sent with a report (call inside its transaction).
 * Idempotent by the phone's id; a partner whose normalised name the municipality already has
 * becomes an alias of that one (blank contact fields are filled, the campaigns consent kept).
 */
export async function upsertNewPartners(tx: Queryable, partners: readonly NewPartner[], municipalityCode: string, user: User, now: Date): Promise<void> {
  for (const p of partners) {
    const known = await tx.query('SELECT 1 FROM partners WHERE id = $1 UNION ALL SELECT 1 FROM partner_aliases WHERE client_id = $1', [p.id]);
    if (known.rowCount > 0) continue;
    const key = partnerNameKey(p.name);
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO partners (id, municipality_code, name, name_key, kind, governmental, sector, phone, email, social, campaigns,
         status, source, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', 'agent', $12, $13, $13)
       ON CONFLICT ((coalesce(municipality_code, '')), name_key) WHERE status = 'active' DO NOTHING RETURNING id`,
      [p.id, municipalityCode, p.name, key, p.kind, p.governmental, p.sector, blank(p.phone), blank(p.email), blank(p.social), p.campaigns, user.id, now],
    );
    if (inserted.rowCount > 0) {
      await claimFreeTextFacts(tx, p.id, municipalityCode, key);
      await auditPartner(tx, now, user.id, 'partner.created', p.id, null, 'active', { municipalityCode });
      continue;
    }
    const existing = (await tx.query<{ id: string }>(
      `SELECT id FROM partners WHERE coalesce(municipality_code, '') = $1 AND name_key = $2 AND status = 'active'`, [municipalityCode, key],
    )).rows[0];
    await tx.query('INSERT INTO partner_aliases (client_id, partner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [p.id, existing.id]);
    await tx.query(
      `UPDATE partners SET phone = coalesce(phone, $2), email = coalesce(email, $3), social = coalesce(social, $4),
         campaigns = campaigns OR $5, updated_at = $6 WHERE id = $1`,
      [existing.id, blank(p.phone), blank(p.email), blank(p.social), p.campaigns, now],
    );
    await auditPartner(tx, now, user.id, 'partner.deduplicated', existing.id, 'active', 'active', { clientId: p.id });
  }
}

/** The registry's id for ids that actions name (a phone's id, a merged partner's id), or none. */
async function resolveIds(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const { rows } = await q.query<{ id: string; target: string }>(
    `SELECT p.id::text AS id, coalesce(p.merged_into, p.id)::text AS target FROM partners p WHERE p.id = ANY($1::uuid[])
     UNION ALL SELECT a.client_id::text, a.partner_id::text FROM partner_aliases a WHERE a.client_id = ANY($1::uuid[])`,
    [ids],
  );
  for (const r of rows) out.set(r.id, r.target);
  return out;
}

interface FactAction { number: number; date?: string; title?: string; type?: string; partners?: { name: string; sector: string; partnerId?: string }[] }

/** Rewrites the partner facts of one report from its current row and latest revision (inside the writing transaction). */
export async function syncPartnerFacts(tx: Queryable, reportId: string): Promise<void> {
  await tx.query('DELETE FROM partner_facts WHERE report_id = $1', [reportId]);
  const { rows } = await tx.query<{ period: string; municipality_code: string; status: string; actions: FactAction[] }>(
    `SELECT r.period, r.municipality_code, r.status, v.submission -> 'actions' AS actions FROM reports r
     JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = $1 AND r.duplicate_of IS NULL`,
    [reportId],
  );
  const r = rows[0];
  if (!r) return;
  const actions = (typeof r.actions === 'string' ? JSON.parse(r.actions) : r.actions) as FactAction[];
  const named = actions.flatMap((a) => (a.partners ?? []).map((p) => ({ a, p, key: partnerNameKey(p.name) }))).filter((x) => x.key);
  if (!named.length) return;
  const byId = await resolveIds(tx, [...new Set(named.flatMap((x) => (x.p.partnerId ? [x.p.partnerId] : [])))]);
  const { rows: byName } = await tx.query<{ id: string; name_key: string }>(
    `SELECT id, name_key FROM partners WHERE municipality_code = $1 AND status = 'active' AND name_key = ANY($2::text[])`,
    [r.municipality_code, [...new Set(named.map((x) => x.key))]],
  );
  const nameIds = new Map(byName.map((p) => [p.name_key, p.id]));
  const regional = findMunicipality(r.municipality_code)?.regional ?? '';
  for (const { a, p, key } of named) {
    const id = (p.partnerId && byId.get(p.partnerId)) || nameIds.get(key) || null;
    await tx.query(
      `INSERT INTO partner_facts (report_id, action_number, partner_id, name_key, name, sector, period, municipality_code, regional,
         status, action_date, action_title, action_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
      [reportId, a.number, id, key, p.name, p.sector || 'outro', r.period, r.municipality_code, regional, r.status,
        a.date ?? '', a.title ?? '', a.type ?? ''],
    );
  }
}

/** Backfill of migration 060: the facts of every report already stored. */
export async function rebuildPartnerFacts(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM reports WHERE duplicate_of IS NULL');
  for (const r of rows) await syncPartnerFacts(tx, r.id);
}

export interface PartnerFilter {
  municipality?: string;
  regionalCodes?: string[];
  status?: PartnerStatus;
  limit?: number;
}

export interface PartnerHistoryItem { reportId: string; period: string; actionNumber: number; date: string; title: string; type: string; status: string }

export type PartnerChangeOutcome =
  | { outcome: 'ok'; partner: PartnerRecord; mergedInto?: string }
  | { outcome: 'not_found' | 'forbidden' | 'invalid_transition' | 'different_municipality' };

/** One row of the sign-up CSV of central: the partners who agreed to receive campaigns. */
export interface CampaignPartnerRow { id: string; name: string; kind: string; governmental: boolean; sector: string; municipality_code: string | null; phone: string | null; email: string | null; social: string | null; source: string; updated_at: Date }

export class PartnerStore {
  constructor(private readonly driver: Driver) {}

  /** Partners a user may see (scope + state-wide), by name; merged and rejected ones only when asked. */
  async list(user: User, f: PartnerFilter): Promise<PartnerRecord[]> {
    const params: unknown[] = [];
    const where = [visibleSql(user, params)];
    if (f.municipality) {
      params.push(f.municipality);
      where.push(`(p.municipality_code = $${params.length} OR p.municipality_code IS NULL)`);
    }
    if (f.regionalCodes) {
      params.push(f.regionalCodes);
      where.push(`p.municipality_code = ANY($${params.length}::text[])`);
    }
    params.push(f.status ?? null);
    where.push(f.status ? `p.status = $${params.length}` : `($${params.length}::text IS NULL AND p.status IN ('active', 'pending'))`);
    params.push(Math.min(f.limit ?? 2000, 5000));
    const { rows } = await this.driver.query<Row>(
      `SELECT ${COLUMNS} FROM partners p WHERE ${where.join(' AND ')} ORDER BY p.name_key, p.id LIMIT $${params.length}`, params,
    );
    return rows.map((r) => toRecord(r, user));
  }

  private async row(q: Queryable, id: string, lock = false): Promise<Row | undefined> {
    return (await q.query<Row>(`SELECT ${COLUMNS} FROM partners p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  }

  /** One partner and its history of actions (latest revisions, newest first), or why not. */
  async get(id: string, user: User): Promise<{ partner: PartnerRecord; history: PartnerHistoryItem[] } | 'not_found' | 'forbidden'> {
    const r = await this.row(this.driver, id);
    if (!r) return 'not_found';
    if (r.municipality_code !== null && !inScope(scopeOf(user), r.municipality_code)) return 'forbidden';
    const params: unknown[] = [id];
    const { rows } = await this.driver.query<{ report_id: string; period: string; action_number: number; action_date: string; action_title: string; action_type: string; status: string }>(
      `SELECT f.report_id, f.period, f.action_number, f.action_date, f.action_title, f.action_type, f.status FROM partner_facts f
       WHERE f.partner_id = $1 AND ${scopeSql(scopeOf(user), 'f.municipality_code', params)}
       ORDER BY f.period DESC, f.action_date DESC, f.action_number LIMIT 500`,
      params,
    );
    return {
      partner: toRecord(r, user),
      history: rows.map((h) => ({ reportId: h.report_id, period: h.period, actionNumber: h.action_number, date: h.action_date, title: h.action_title, type: h.action_type, status: h.status })),
    };
  }

  /** A public sign-up ("Seja um Parceiro da Saúde"): pending until confirmed. */
  async signup(s: PartnerSignup, now: Date): Promise<string> {
    return this.driver.transaction(async (tx) => {
      const id = crypto.randomUUID();
      await tx.query(
        `INSERT INTO partners (id, municipality_code, name, name_key, kind, governmental, sector, phone, email, social, campaigns,
           status, source, consent_at, consent_purpose, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', 'signup', $12, $13, $12, $12)`,
        [id, s.municipalityCode, s.name, partnerNameKey(s.name), s.kind, s.governmental, s.sector, blank(s.phone), blank(s.email), blank(s.social),
          s.campaigns, now, PARTNER_SIGNUP_PURPOSE],
      );
      await auditPartner(tx, now, null, 'partner.signed_up', id, null, 'pending', { municipalityCode: s.municipalityCode });
      return id;
    });
  }

  /**
   * The municipality's agent, its regional unit or central confirms a sign-up. When the
   * municipality already has an active partner of that name, the sign-up is merged into it.
   */
  async confirm(id: string, user: User, now: Date): Promise<PartnerChangeOutcome> {
    return this.driver.transaction(async (tx): Promise<PartnerChangeOutcome> => {
      const r = await this.row(tx, id, true);
      if (!r) return { outcome: 'not_found' };
      if (!seesContact(user, r.municipality_code)) return { outcome: 'forbidden' };
      if (r.status !== 'pending') return { outcome: 'invalid_transition' };
      const same = (await tx.query<{ id: string }>(
        `SELECT id FROM partners WHERE coalesce(municipality_code, '') = coalesce($1, '') AND name_key = $2 AND status = 'active' FOR UPDATE`,
        [r.municipality_code, r.name_key],
      )).rows[0];
      if (same) {
        await this.fold(tx, r, same.id, user, now);
        return { outcome: 'ok', partner: toRecord((await this.row(tx, same.id))!, user), mergedInto: same.id };
      }
      await tx.query(`UPDATE partners SET status = 'active', confirmed_by = $2, updated_at = $3 WHERE id = $1`, [id, user.id, now]);
      await claimFreeTextFacts(tx, id, r.municipality_code, r.name_key);
      await auditPartner(tx, now, user.id, 'partner.confirmed', id, 'pending', 'active');
      return { outcome: 'ok', partner: toRecord((await this.row(tx, id))!, user) };
    });
  }

  /** A sign-up refused: its contact data is erased at once (LGPD), the row stays for the audit. */
  async reject(id: string, user: User, now: Date): Promise<PartnerChangeOutcome> {
    return this.driver.transaction(async (tx): Promise<PartnerChangeOutcome> => {
      const r = await this.row(tx, id, true);
      if (!r) return { outcome: 'not_found' };
      if (!seesContact(user, r.municipality_code)) return { outcome: 'forbidden' };
      if (r.status !== 'pending') return { outcome: 'invalid_transition' };
      await tx.query(`UPDATE partners SET status = 'rejected', phone = NULL, email = NULL, social = NULL, campaigns = false, updated_at = $2 WHERE id = $1`, [id, now]);
      await auditPartner(tx, now, user.id, 'partner.rejected', id, 'pending', 'rejected');
      return { outcome: 'ok', partner: toRecord((await this.row(tx, id))!, user) };
    });
  }

  /** Regional (its unit) or central: `id` becomes part of `into` (same municipality), audited with both records. */
  async merge(id: string, into: string, user: User, now: Date): Promise<PartnerChangeOutcome> {
    if (id === into) return { outcome: 'invalid_transition' };
    return this.driver.transaction(async (tx): Promise<PartnerChangeOutcome> => {
      // lock in id order: two crossed merges never deadlock
      const [a, b] = [id, into].sort();
      const rows = new Map<string, Row | undefined>([[a, await this.row(tx, a, true)], [b, await this.row(tx, b, true)]]);
      const loser = rows.get(id);
      const winner = rows.get(into);
      if (!loser || !winner) return { outcome: 'not_found' };
      if (!seesContact(user, loser.municipality_code) || !seesContact(user, winner.municipality_code)) return { outcome: 'forbidden' };
      if (loser.municipality_code !== winner.municipality_code) return { outcome: 'different_municipality' };
      if (!['active', 'pending'].includes(loser.status) || winner.status !== 'active') return { outcome: 'invalid_transition' };
      await this.fold(tx, loser, winner.id, user, now);
      return { outcome: 'ok', partner: toRecord((await this.row(tx, winner.id))!, user), mergedInto: winner.id };
    });
  }

  /** `loser` becomes an alias of `winnerId`: blank contact filled, consent kept, facts and older aliases moved. */
  private async fold(tx: Queryable, loser: Row, winnerId: string, user: User, now: Date) {
    const before = await this.row(tx, winnerId);
    await tx.query(
      `UPDATE partners SET phone = coalesce(phone, $2), email = coalesce(email, $3), social = coalesce(social, $4),
         campaigns = campaigns OR $5, updated_at = $6 WHERE id = $1`,
      [winnerId, loser.phone, loser.email, loser.social, loser.campaigns, now],
    );
    await tx.query(`UPDATE partners SET status = 'merged', merged_into = $2, updated_at = $3 WHERE id = $1`, [loser.id, winnerId, now]);
    await tx.query('UPDATE partners SET merged_into = $2 WHERE merged_into = $1', [loser.id, winnerId]);
    await tx.query('UPDATE partner_aliases SET partner_id = $2 WHERE partner_id = $1', [loser.id, winnerId]);
    await tx.query('INSERT INTO partner_aliases (client_id, partner_id) VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET partner_id = $2', [loser.id, winnerId]);
    await tx.query('UPDATE partner_facts SET partner_id = $2 WHERE partner_id = $1', [loser.id, winnerId]);
    const pick = (r: Row | undefined) => r && { name: r.name, kind: r.kind, sector: r.sector, status: r.status, campaigns: r.campaigns, municipalityCode: r.municipality_code };
    await auditPartner(tx, now, user.id, 'partner.merged', loser.id, loser.status, 'merged', { into: winnerId, merged: pick(loser), kept: pick(before) });
  }

  /** Near-duplicate suggestions (active and pending partners of one municipality), for a merge by a person. */
  async nearDuplicates(scope: Scope): Promise<{ a: PartnerRecord; b: PartnerRecord }[]> {
    const params: unknown[] = [];
    const { rows } = await this.driver.query<Row>(
      `SELECT ${COLUMNS} FROM partners p WHERE p.status IN ('active', 'pending') AND p.municipality_code IS NOT NULL
       AND ${scopeSql(scope, 'p.municipality_code', params)} ORDER BY p.municipality_code, p.name_key LIMIT 20000`,
      params,
    );
    const items = rows.map((r) => ({ ...r, group: r.municipality_code ?? '' }));
    const brief = (r: Row): PartnerRecord => ({
      id: r.id, municipalityCode: r.municipality_code, name: r.name, kind: r.kind, governmental: r.governmental, sector: r.sector,
      status: r.status, campaigns: r.campaigns, source: r.source, updatedAt: r.updated_at.toISOString(),
    });
    return nearDuplicatePairs(items).slice(0, 500).map(([a, b]) => ({ a: brief(a), b: brief(b) }));
  }

  /** Distinct partners by sector and by municipality in a month range (counted reports only), from partner_facts. */
  async counts(p: { from: string; to: string; scope: Scope }): Promise<{
    bySector: { sector: string; partners: number }[];
    byMunicipality: { municipalityCode: string; partners: number; actions: number }[];
    total: number;
  }> {
    const params: unknown[] = [p.from, p.to, COUNTED_STATUSES];
    const from = `FROM partner_facts f LEFT JOIN partners p ON p.id = f.partner_id
      WHERE f.period BETWEEN $1 AND $2 AND f.status = ANY($3::text[]) AND ${scopeSql(p.scope, 'f.municipality_code', params)}`;
    const key = `coalesce(f.partner_id::text, f.municipality_code || '|' || f.name_key)`;
    const [sectors, towns, total] = await Promise.all([
      this.driver.query<{ sector: string; n: number }>(`SELECT coalesce(p.sector, f.sector) AS sector, count(DISTINCT ${key})::int AS n ${from} GROUP BY 1 ORDER BY 2 DESC, 1`, params),
      this.driver.query<{ municipality_code: string; n: number; actions: number }>(
        `SELECT f.municipality_code, count(DISTINCT ${key})::int AS n, count(DISTINCT (f.report_id, f.action_number))::int AS actions ${from} GROUP BY 1 ORDER BY 2 DESC, 1`, params),
      this.driver.query<{ n: number }>(`SELECT count(DISTINCT ${key})::int AS n ${from}`, params),
    ]);
    return {
      bySector: sectors.rows.map((r) => ({ sector: r.sector, partners: r.n })),
      byMunicipality: towns.rows.map((r) => ({ municipalityCode: r.municipality_code, partners: r.n, actions: r.actions })),
      total: total.rows[0]?.n ?? 0,
    };
  }

  /** The active partners who agreed to receive campaigns, in keyset pages of `batch` (central's CSV). */
  async *campaignBatches(batch = 200): AsyncGenerator<CampaignPartnerRow[], void, undefined> {
    let after: [string, string] | undefined;
    for (;;) {
      const { rows } = await this.driver.query<CampaignPartnerRow & { name_key: string }>(
        `SELECT id, name, name_key, kind, governmental, sector, municipality_code, phone, email, social, source, updated_at FROM partners
         WHERE status = 'active' AND campaigns AND ($1::text IS NULL OR (name_key, id) > ($1, $2::uuid)) ORDER BY name_key, id LIMIT $3`,
        [after?.[0] ?? null, after?.[1] ?? null, batch],
      );
      if (!rows.length) return;
      yield rows;
      const last = rows[rows.length - 1];
      after = [last.name_key, last.id];
      if (rows.length < batch) return;
    }
  }
}
