// Reports: idempotent revisions with a protocol per municipality and month, lists and details.
import type { ExistingReport, ReportDetail, ReportReceipt, ReportSummary, User } from '../../src/domain/api.ts';
import { formatProtocol } from '../../src/domain/api.ts';
import { findMunicipality } from '../../src/domain/municipality.ts';
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { REVISION_LOCKED_STATUSES } from '../../src/domain/review.ts';
import { scopeSql, type Scope } from '../auth/scope.ts';
import { contentHash } from '../canonical-json.ts';
import { syncActionFacts } from './action-facts.ts';
import { syncPartnerFacts, upsertNewPartners } from './partners-store.ts';
import { audit } from './audit.ts';
import type { Driver, Queryable } from './driver.ts';
import { reviewsOf } from './reviews.ts';
import { existingReport, lockPeriod, periodTakenRace } from './period-rule.ts';
import { REPORT_COLUMNS, lockReport, receiptOf, toReview, type ReportRow, type ReviewRow } from './rows.ts';

export type PutReportOutcome =
  | { outcome: 'created' | 'repeat'; receipt: ReportReceipt }
  | { outcome: 'forbidden' }
  | { outcome: 'missing_photos'; missing: string[] }
  | { outcome: 'revision_conflict'; currentRevision: number }
  | { outcome: 'report_locked'; status: ServerReportStatus }
  | { outcome: 'period_taken'; existing: ExistingReport };

/**
 * A revision brought in by a regional account from a Plan B package (#17): stored as the agent's
 * (`user` stays the device's account), audited as `report.imported` by `actor`.
 */
export interface ImportedBy {
  actor: User;
  deviceId: string;
}

export interface ReportFilter {
  period?: string;
  status?: ServerReportStatus;
  municipality?: string;
  /** the municipalities of a regional unit (the `regional` filter) */
  regionalCodes?: string[];
}

/** Where a page of GET /reports ends (the keyset of the listing order). */
export interface ReportListKey {
  period: string;
  municipalityCode: string;
  /** timestamptz as PostgreSQL prints it (microseconds kept) */
  firstReceivedAt: string;
  id: string;
}

/** The WHERE of GET /reports: scope, not a duplicate, and the filters; `add` appends a condition. */
function listWhere(scope: Scope, filter: ReportFilter) {
  const params: unknown[] = [];
  const where = [scopeSql(scope, 'r.municipality_code', params), 'r.duplicate_of IS NULL'];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const v of values) {
      params.push(v);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if (filter.period) add('r.period = ?', filter.period);
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.municipality) add('r.municipality_code = ?', filter.municipality);
  if (filter.regionalCodes) add('r.municipality_code = ANY(?::text[])', filter.regionalCodes);
  return { params, where, add };
}

export class ReportStore {
  constructor(private readonly db: Driver) {}

  /**
   * Stores one revision of a report, idempotently. Serialized per report id by an advisory lock,
   * so two concurrent PUTs of the same report make one row and one protocol. The submission must
   * already be valid and the caller allowed to write its municipality.
   */
  async put(s: ReportSubmission, user: User, now: Date, imported?: ImportedBy): Promise<PutReportOutcome> {
    try {
      return await this.putOnce(s, user, now, imported);
    } catch (err) {
      // The unique index caught a race the advisory lock did not see (it cannot, normally): the
      // other report is committed now, so a second pass answers period_taken.
      if (periodTakenRace(err)) return this.putOnce(s, user, now, imported);
      throw err;
    }
  }

  private async putOnce(s: ReportSubmission, user: User, now: Date, imported?: ImportedBy): Promise<PutReportOutcome> {
    const hash = contentHash(s);
    const shas = [...new Set(s.actions.flatMap((a) => a.photos.map((p) => p.sha256)))];
    return this.db.transaction(async (tx): Promise<PutReportOutcome> => {
      // Lock order everywhere: the month first, then the report.
      await lockPeriod(tx, s.municipalityCode, s.period);
      const current = await lockReport(tx, s.id);
      if (current) {
        if (current.municipality_code !== s.municipalityCode) return { outcome: 'forbidden' };
        const same = (await tx.query<{ content_hash: string; received_at: Date }>(
          'SELECT content_hash, received_at FROM report_revisions WHERE report_id = $1 AND revision = $2',
          [s.id, s.revision],
        )).rows[0];
        if (same) {
          return same.content_hash === hash
            ? { outcome: 'repeat', receipt: receiptOf(current, s.revision, same.received_at) }
            : { outcome: 'revision_conflict', currentRevision: current.revision };
        }
      }
      // One report per municipality and month: another live report of this month wins.
      const existing = await existingReport(tx, s.municipalityCode, s.period, s.id);
      if (existing) return { outcome: 'period_taken', existing };
      if (current) {
        if (s.revision < current.revision) return { outcome: 'revision_conflict', currentRevision: current.revision };
        if (REVISION_LOCKED_STATUSES.includes(current.status)) return { outcome: 'report_locked', status: current.status };
      }

      if (shas.length) {
        const { rows } = await tx.query<{ sha256: string }>('SELECT sha256 FROM photos WHERE sha256 = ANY($1::text[])', [shas]);
        const stored = new Set(rows.map((r) => r.sha256));
        const missing = shas.filter((h) => !stored.has(h));
        if (missing.length) return { outcome: 'missing_photos', missing };
      }
      // Partners the agent created offline (#16) arrive with the report that first names them.
      if (s.partners?.length) await upsertNewPartners(tx, s.partners, s.municipalityCode, user, now);
      const row = await writeRevision(tx, current, s, user, now, { hash, imported });
      return { outcome: 'created', receipt: receiptOf(row) };
    });
  }

  /**
   * One page of reports in scope, newest period first (then municipality, first receipt, id: a
   * total order on keys that never change, so paging by keyset has no duplicates or gaps while
   * other reports arrive). `after` is the last key of the previous page.
   */
  async list(scope: Scope, filter: ReportFilter, page: { limit: number; after?: ReportListKey }): Promise<{ reports: ReportSummary[]; next?: ReportListKey }> {
    const { params, where, add } = listWhere(scope, filter);
    const a = page.after;
    if (a) {
      add('(r.period < ? OR (r.period = ? AND (r.municipality_code, r.first_received_at, r.id) > (?, ?::timestamptz, ?::uuid)))',
        a.period, a.period, a.municipalityCode, a.firstReceivedAt, a.id);
    }
    params.push(page.limit + 1);
    const { rows: all } = await this.db.query<ReportRow & Partial<ReviewRow> & { review_revision: number | null; first_at: string }>(
      `SELECT ${REPORT_COLUMNS}, r.first_received_at::text AS first_at, lr.decision, lr.comment, lr.action_numbers,
         lr.revision AS review_revision, lr.created_at, u.login, u.name, u.role
       FROM (SELECT * FROM reports r WHERE ${where.join(' AND ')}
             ORDER BY r.period DESC, r.municipality_code, r.first_received_at, r.id LIMIT $${params.length}) r
       LEFT JOIN LATERAL (SELECT * FROM reviews v WHERE v.report_id = r.id ORDER BY v.id DESC LIMIT 1) lr ON true
       LEFT JOIN users u ON u.id = lr.reviewer_id
       ORDER BY r.period DESC, r.municipality_code, r.first_received_at, r.id`,
      params,
    );
    const rows = all.slice(0, page.limit);
    const last = all.length > page.limit ? rows[rows.length - 1] : undefined;
    const next = last && { period: last.period, municipalityCode: last.municipality_code, firstReceivedAt: last.first_at, id: last.id };
    const reports = rows.map((r) => ({
      id: r.id,
      municipalityCode: r.municipality_code,
      period: r.period,
      revision: r.revision,
      protocol: r.protocol,
      status: r.status,
      receivedAt: r.received_at.toISOString(),
      actionCount: r.action_count,
      photoCount: r.photo_count,
      lastReview: r.decision ? toReview({ ...(r as ReviewRow), revision: r.review_revision ?? 0 }) : null,
    }));
    return { reports, next };
  }

  /** How many reports match `filter` (its `status` ignored), by status: the reviewer list's summary. */
  async countByStatus(scope: Scope, filter: ReportFilter): Promise<Record<ServerReportStatus, number>> {
    const { params, where } = listWhere(scope, { ...filter, status: undefined });
    const { rows } = await this.db.query<{ status: ServerReportStatus; n: number }>(
      `SELECT r.status, count(*)::int AS n FROM reports r WHERE ${where.join(' AND ')} GROUP BY r.status`, params);
    const counts: Record<ServerReportStatus, number> = { received: 0, returned: 0, approved: 0, consolidated: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** Municipality of a stored report (for authorization), or undefined. */
  async municipalityOf(id: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ municipality_code: string }>('SELECT municipality_code FROM reports WHERE id = $1', [id]);
    return rows[0]?.municipality_code;
  }

  async get(id: string): Promise<ReportDetail | undefined> {
    const { rows } = await this.db.query<ReportRow & { submission: Record<string, unknown> }>(
      `SELECT ${REPORT_COLUMNS}, v.submission FROM reports r
       JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    const m = findMunicipality(row.municipality_code);
    return {
      report: row.submission,
      revision: row.revision,
      protocol: row.protocol,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      municipality: { code: row.municipality_code, name: m?.name ?? '', regional: m?.regional ?? '' },
      reviews: await reviewsOf(this.db, id),
    };
  }
}

/**
 * Writes revision `s` of a report (new or `current`), its photo links and the audit row, and
 * moves the report to 'received'. The caller holds the locks and has checked the rules.
 */
export async function writeRevision(
  tx: Queryable,
  current: ReportRow | undefined,
  s: ReportSubmission,
  user: User,
  now: Date,
  opts: { hash?: string; detail?: Record<string, unknown>; imported?: ImportedBy } = {},
): Promise<ReportRow> {
  const shas = [...new Set(s.actions.flatMap((a) => a.photos.map((p) => p.sha256)))];
  const photoCount = s.actions.reduce((n, a) => n + a.photos.length, 0);
  let row: ReportRow;
  if (current) {
    row = (await tx.query<ReportRow>(
      `UPDATE reports r SET period = $2, revision = $3, status = 'received', action_count = $4, photo_count = $5,
         received_at = $6, updated_at = $6
       WHERE r.id = $1 RETURNING ${REPORT_COLUMNS}`,
      [s.id, s.period, s.revision, s.actions.length, photoCount, now],
    )).rows[0];
  } else {
    const seq = (await tx.query<{ last_value: number }>(
      `INSERT INTO protocol_sequences (municipality_code, period, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (municipality_code, period) DO UPDATE SET last_value = protocol_sequences.last_value + 1
       RETURNING last_value`,
      [s.municipalityCode, s.period],
    )).rows[0].last_value;
    row = (await tx.query<ReportRow>(
      `INSERT INTO reports AS r (id, municipality_code, period, protocol, revision, status, action_count, photo_count,
         received_at, first_received_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, $8, $8) RETURNING ${REPORT_COLUMNS}`,
      [s.id, s.municipalityCode, s.period, formatProtocol(s.period, s.municipalityCode, seq), s.revision,
        s.actions.length, photoCount, now],
    )).rows[0];
  }
  await tx.query(
    `INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    // New partners' contact data lives in the registry only, never in the report's revisions.
    [s.id, s.revision, JSON.stringify({ ...s, partners: undefined }), opts.hash ?? contentHash(s), now, user.id],
  );
  if (shas.length) {
    await tx.query(
      'INSERT INTO report_photos (report_id, sha256) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
      [s.id, shas],
    );
  }
  await syncActionFacts(tx, s.id, s.municipalityCode);
  await syncPartnerFacts(tx, s.id);
  const imported = opts.imported;
  await audit(tx, {
    at: now, actorId: imported?.actor.id ?? user.id,
    action: imported ? 'report.imported' : current ? 'report.revised' : 'report.received', entityType: 'report', entityId: s.id,
    fromRevision: current?.revision, toRevision: s.revision, fromStatus: current?.status, toStatus: 'received',
    detail: {
      protocol: row.protocol, ...opts.detail,
      ...(imported ? { via: 'plan_b', deviceId: imported.deviceId, agent: user.login, importedBy: imported.actor.login } : {}),
    },
  });
  return row;
}
