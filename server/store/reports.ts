// Reports: idempotent revisions with a protocol per municipality and month, lists and details.
import type { ReportDetail, ReportReceipt, ReportSummary, User } from '../../src/domain/api.ts';
import { formatProtocol } from '../../src/domain/api.ts';
import { findMunicipality } from '../../src/domain/municipality.ts';
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { REVISION_LOCKED_STATUSES } from '../../src/domain/review.ts';
import { scopeSql, type Scope } from '../auth/scope.ts';
import { contentHash } from '../canonical-json.ts';
import { syncActionFacts } from './action-facts.ts';
import { audit } from './audit.ts';
import type { Driver } from './driver.ts';
import { reviewsOf } from './reviews.ts';
import { REPORT_COLUMNS, lockReport, receiptOf, toReview, type ReportRow, type ReviewRow } from './rows.ts';

export type PutReportOutcome =
  | { outcome: 'created' | 'repeat'; receipt: ReportReceipt }
  | { outcome: 'forbidden' }
  | { outcome: 'missing_photos'; missing: string[] }
  | { outcome: 'revision_conflict'; currentRevision: number }
  | { outcome: 'report_locked'; status: ServerReportStatus };

export interface ReportFilter {
  period?: string;
  status?: ServerReportStatus;
  municipality?: string;
}

export class ReportStore {
  constructor(private readonly db: Driver) {}

  /**
   * Stores one revision of a report, idempotently. Serialized per report id by an advisory lock,
   * so two concurrent PUTs of the same report make one row and one protocol. The submission must
   * already be valid and the caller allowed to write its municipality.
   */
  async put(s: ReportSubmission, user: User, now: Date): Promise<PutReportOutcome> {
    const hash = contentHash(s);
    const shas = [...new Set(s.actions.flatMap((a) => a.photos.map((p) => p.sha256)))];
    const photoCount = s.actions.reduce((n, a) => n + a.photos.length, 0);
    return this.db.transaction(async (tx): Promise<PutReportOutcome> => {
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
        if (s.revision < current.revision) return { outcome: 'revision_conflict', currentRevision: current.revision };
        if (REVISION_LOCKED_STATUSES.includes(current.status)) return { outcome: 'report_locked', status: current.status };
      }

      if (shas.length) {
        const { rows } = await tx.query<{ sha256: string }>('SELECT sha256 FROM photos WHERE sha256 = ANY($1::text[])', [shas]);
        const stored = new Set(rows.map((r) => r.sha256));
        const missing = shas.filter((h) => !stored.has(h));
        if (missing.length) return { outcome: 'missing_photos', missing };
      }

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
        [s.id, s.revision, JSON.stringify(s), hash, now, user.id],
      );
      if (shas.length) {
        await tx.query(
          'INSERT INTO report_photos (report_id, sha256) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
          [s.id, shas],
        );
      }
      await syncActionFacts(tx, s.id, s.municipalityCode);
      await audit(tx, {
        at: now, actorId: user.id, action: current ? 'report.revised' : 'report.received', entityType: 'report', entityId: s.id,
        fromRevision: current?.revision, toRevision: s.revision, fromStatus: current?.status, toStatus: 'received',
        detail: { protocol: row.protocol },
      });
      return { outcome: 'created', receipt: receiptOf(row) };
    });
  }

  async list(scope: Scope, filter: ReportFilter): Promise<ReportSummary[]> {
    const params: unknown[] = [];
    const where = [scopeSql(scope, 'r.municipality_code', params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.period) add('r.period = ?', filter.period);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.municipality) add('r.municipality_code = ?', filter.municipality);
    const { rows } = await this.db.query<ReportRow & Partial<ReviewRow> & { review_revision: number | null }>(
      `SELECT ${REPORT_COLUMNS}, lr.decision, lr.comment, lr.action_numbers, lr.revision AS review_revision,
         lr.created_at, u.login, u.name, u.role
       FROM reports r
       LEFT JOIN LATERAL (SELECT * FROM reviews v WHERE v.report_id = r.id ORDER BY v.id DESC LIMIT 1) lr ON true
       LEFT JOIN users u ON u.id = lr.reviewer_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.period DESC, r.municipality_code, r.first_received_at, r.id`,
      params,
    );
    return rows.map((r) => ({
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
