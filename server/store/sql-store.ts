import type { ReportDetail, ReportSummary, Review, ReviewDecision, Role, User } from '../../src/domain/api.ts';
import { formatProtocol } from '../../src/domain/api.ts';
import { findMunicipality, municipalitiesOfRegional, type RegionalName } from '../../src/domain/municipality.ts';
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { contentHash } from '../canonical-json.ts';
import type { Driver, Queryable } from './driver.ts';
import { migrate } from './migrate.ts';
import { photoAccessSql } from './photo-access.ts';
import { syncActionFacts } from './action-facts.ts';

/** Which municipalities a user may see: a list of IBGE codes, or every one (central). */
export type Scope = { all: true } | { all: false; codes: string[] };

export function scopeOf(user: User): Scope {
  if (user.role === 'central') return { all: true };
  if (user.role === 'regional') return { all: false, codes: municipalitiesOfRegional(user.regional ?? '').map((m) => m.code) };
  return { all: false, codes: user.municipalityCode ? [user.municipalityCode] : [] };
}

export function inScope(scope: Scope, municipalityCode: string): boolean {
  return scope.all || scope.codes.includes(municipalityCode);
}

export interface NewUser {
  login: string;
  name: string;
  role: Role;
  municipalityCode?: string;
  regional?: RegionalName;
  passwordHash: string;
}

export interface UserListing extends User {
  disabled: boolean;
  createdAt: string;
}

export interface ReportReceiptData {
  id: string;
  revision: number;
  protocol: string;
  receivedAt: string;
  status: ServerReportStatus;
}

export type PutReportOutcome =
  | { outcome: 'created' | 'repeat'; receipt: ReportReceiptData }
  | { outcome: 'forbidden' }
  | { outcome: 'missing_photos'; missing: string[] }
  | { outcome: 'revision_conflict'; currentRevision: number }
  | { outcome: 'report_locked'; status: ServerReportStatus };

export type ReviewOutcome =
  | { outcome: 'created'; review: Review; status: ServerReportStatus }
  | { outcome: 'not_found' }
  | { outcome: 'forbidden' }
  | { outcome: 'revision_conflict'; currentRevision: number }
  | { outcome: 'report_locked'; status: ServerReportStatus }
  | { outcome: 'invalid_transition'; status: ServerReportStatus };

export interface ReportFilter {
  period?: string;
  status?: ServerReportStatus;
  municipality?: string;
}

interface UserRow {
  id: string;
  login: string;
  name: string;
  role: Role;
  municipality_code: string | null;
  regional: RegionalName | null;
}

interface ReportRow {
  id: string;
  municipality_code: string;
  period: string;
  protocol: string;
  revision: number;
  status: ServerReportStatus;
  action_count: number;
  photo_count: number;
  received_at: Date;
}

interface ReviewRow {
  decision: ReviewDecision;
  comment: string | null;
  action_numbers: number[] | null;
  revision: number;
  created_at: Date;
  login: string;
  name: string;
  role: Role;
}

const USER_COLUMNS = 'u.id, u.login, u.name, u.role, u.municipality_code, u.regional';
const REPORT_COLUMNS =
  'r.id, r.municipality_code, r.period, r.protocol, r.revision, r.status, r.action_count, r.photo_count, r.received_at';
const LOCKED: readonly ServerReportStatus[] = ['approved', 'consolidated'];

function toUser(row: UserRow): User {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    ...(row.municipality_code ? { municipalityCode: row.municipality_code } : {}),
    ...(row.regional ? { regional: row.regional } : {}),
  };
}

function toReview(row: ReviewRow): Review {
  return {
    decision: row.decision,
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.action_numbers ? { actionNumbers: row.action_numbers } : {}),
    by: { login: row.login, name: row.name, role: row.role },
    at: row.created_at.toISOString(),
    revision: row.revision,
  };
}

function receiptOf(row: ReportRow, revision = row.revision, receivedAt = row.received_at): ReportReceiptData {
  return { id: row.id, revision, protocol: row.protocol, receivedAt: receivedAt.toISOString(), status: row.status };
}

interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: 'user' | 'session' | 'photo' | 'report';
  entityId: string;
  fromRevision?: number;
  toRevision?: number;
  fromStatus?: string;
  toStatus?: string;
  detail?: Record<string, unknown>;
}

async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, from_revision, to_revision, from_status, to_status, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.at, e.actorId, e.action, e.entityType, e.entityId, e.fromRevision ?? null, e.toRevision ?? null,
      e.fromStatus ?? null, e.toStatus ?? null, e.detail ? JSON.stringify(e.detail) : null],
  );
}

/** SQL condition on `column` for a scope; pushes its parameter. */
function scopeCondition(scope: Scope, column: string, params: unknown[]): string {
  if (scope.all) return 'true';
  params.push(scope.codes);
  return `${column} = ANY($${params.length}::text[])`;
}

/**
 * Decides a review. Returns the new status, or why the decision is refused.
 * received → approve/return; approved → (central) return/consolidate; returned waits for a new revision.
 */
export function reviewTransition(
  status: ServerReportStatus,
  decision: ReviewDecision,
  role: Role,
): ServerReportStatus | 'report_locked' | 'invalid_transition' {
  if (status === 'consolidated') return 'report_locked';
  if (status === 'approved') {
    if (role !== 'central') return 'report_locked';
    if (decision === 'return') return 'returned';
    if (decision === 'consolidate') return 'consolidated';
    return 'invalid_transition';
  }
  if (status === 'received') {
    if (decision === 'approve') return 'approved';
    if (decision === 'return') return 'returned';
  }
  return 'invalid_transition';
}

/** The one store of the endpoint: plain SQL over a Driver (PGlite or PostgreSQL). */
export class SqlStore {
  constructor(readonly driver: Driver) {}

  migrate(): Promise<number[]> {
    return migrate(this.driver);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** Empties every table (tests). */
  async truncateAll(): Promise<void> {
    await this.driver.exec(
      'TRUNCATE action_facts, audit_log, reviews, protocol_sequences, report_photos, report_revisions, reports, photo_uploads, photos, sessions, users RESTART IDENTITY CASCADE',
    );
  }

  // ── accounts ──────────────────────────────────────────────────────────────

  async createUser(u: NewUser, now: Date): Promise<User> {
    return this.driver.transaction(async (tx) => {
      const { rows } = await tx.query<UserRow>(
        `INSERT INTO users AS u (login, name, role, municipality_code, regional, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${USER_COLUMNS}`,
        [u.login, u.name, u.role, u.municipalityCode ?? null, u.regional ?? null, u.passwordHash, now],
      );
      const user = toUser(rows[0]);
      await audit(tx, { at: now, actorId: null, action: 'user.created', entityType: 'user', entityId: user.id,
        detail: { login: user.login, role: user.role } });
      return user;
    });
  }

  /** The user and password hash for a login attempt (disabled accounts included, flagged). */
  async findLogin(login: string): Promise<{ user: User; passwordHash: string; disabled: boolean } | undefined> {
    const { rows } = await this.driver.query<UserRow & { password_hash: string; disabled_at: Date | null }>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.disabled_at FROM users u WHERE u.login = $1`,
      [login],
    );
    const row = rows[0];
    return row && { user: toUser(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null };
  }

  async listUsers(): Promise<UserListing[]> {
    const { rows } = await this.driver.query<UserRow & { disabled_at: Date | null; created_at: Date }>(
      `SELECT ${USER_COLUMNS}, u.disabled_at, u.created_at FROM users u ORDER BY u.role, u.login`,
    );
    return rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null, createdAt: r.created_at.toISOString() }));
  }

  /** Disables (revoking every session) or re-enables an account. False when the login is unknown. */
  async setUserDisabled(login: string, disabled: boolean, now: Date): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        'UPDATE users SET disabled_at = $2 WHERE login = $1 RETURNING id',
        [login, disabled ? now : null],
      );
      if (!rows[0]) return false;
      if (disabled) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [rows[0].id, now]);
      await audit(tx, { at: now, actorId: null, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: rows[0].id });
      return true;
    });
  }

  /** New password; every session of the account is revoked. False when the login is unknown. */
  async setPassword(login: string, passwordHash: string, now: Date): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('UPDATE users SET password_hash = $2 WHERE login = $1 RETURNING id', [login, passwordHash]);
      if (!rows[0]) return false;
      await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [rows[0].id, now]);
      await audit(tx, { at: now, actorId: null, action: 'user.password_reset', entityType: 'user', entityId: rows[0].id });
      return true;
    });
  }

  // ── sessions ──────────────────────────────────────────────────────────────

  async createSession(s: { userId: string; tokenHash: string; deviceName?: string; expiresAt: Date; now: Date }): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO sessions (user_id, token_hash, device_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [s.userId, s.tokenHash, s.deviceName ?? null, s.now, s.expiresAt],
      );
      await audit(tx, { at: s.now, actorId: s.userId, action: 'session.created', entityType: 'session', entityId: rows[0].id,
        detail: s.deviceName ? { deviceName: s.deviceName } : undefined });
    });
  }

  /** The user behind a live token (not revoked, not expired, account enabled). */
  async sessionByToken(tokenHash: string, now: Date): Promise<{ sessionId: string; user: User } | undefined> {
    const { rows } = await this.driver.query<UserRow & { session_id: string }>(
      `SELECT s.id AS session_id, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash, now],
    );
    return rows[0] && { sessionId: rows[0].session_id, user: toUser(rows[0]) };
  }

  async revokeSession(sessionId: string, actorId: string, now: Date): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const { rowCount } = await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, now]);
      if (rowCount > 0) await audit(tx, { at: now, actorId, action: 'session.revoked', entityType: 'session', entityId: sessionId });
    });
  }

  // ── photos ────────────────────────────────────────────────────────────────

  async hasPhoto(sha256: string): Promise<boolean> {
    const { rowCount } = await this.driver.query('SELECT 1 FROM photos WHERE sha256 = $1', [sha256]);
    return rowCount > 0;
  }

  /** Stores the bytes once per sha256 and remembers the uploader. `created` is false for a repeat. */
  async putPhoto(p: { sha256: string; mimeType: string; bytes: Buffer; userId: string; now: Date }): Promise<{ created: boolean }> {
    const exists = await this.hasPhoto(p.sha256);
    return this.driver.transaction(async (tx) => {
      let created = false;
      if (!exists) {
        const { rowCount } = await tx.query(
          `INSERT INTO photos (sha256, mime_type, byte_size, bytes, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (sha256) DO NOTHING`,
          [p.sha256, p.mimeType, p.bytes.length, p.bytes, p.now],
        );
        created = rowCount > 0;
      }
      await tx.query(
        'INSERT INTO photo_uploads (sha256, user_id, uploaded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [p.sha256, p.userId, p.now],
      );
      if (created) {
        await audit(tx, { at: p.now, actorId: p.userId, action: 'photo.stored', entityType: 'photo', entityId: p.sha256,
          detail: { mimeType: p.mimeType, byteSize: p.bytes.length } });
      }
      return { created };
    });
  }

  /**
   * The photo, if `user` may read it: they uploaded it, or it belongs to a report in their scope.
   * `undefined` when it is not stored; `'forbidden'` when stored but not visible.
   */
  async getPhoto(sha256: string, user: User): Promise<{ mimeType: string; bytes: Buffer } | 'forbidden' | undefined> {
    const scope = scopeOf(user);
    const { rows } = await this.driver.query<{ mime_type: string; allowed: boolean }>(
      photoAccessSql(scope.all),
      scope.all ? [sha256, user.id] : [sha256, user.id, scope.codes],
    );
    if (!rows[0]) return undefined;
    if (!rows[0].allowed) return 'forbidden';
    const bytes = await this.driver.query<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE sha256 = $1', [sha256]);
    return { mimeType: rows[0].mime_type, bytes: bytes.rows[0].bytes };
  }

  // ── reports ───────────────────────────────────────────────────────────────

  /**
   * Stores one revision of a report, idempotently. Serialized per report id by an advisory lock,
   * so two concurrent PUTs of the same report make one row and one protocol. The submission must
   * already be valid and the caller allowed to write its municipality.
   */
  async putReport(s: ReportSubmission, user: User, now: Date): Promise<PutReportOutcome> {
    const hash = contentHash(s);
    const shas = [...new Set(s.actions.flatMap((a) => a.photos.map((p) => p.sha256)))];
    const photoCount = s.actions.reduce((n, a) => n + a.photos.length, 0);
    return this.driver.transaction(async (tx): Promise<PutReportOutcome> => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report:${s.id}`]);
      const current = (await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.id = $1 FOR UPDATE`, [s.id])).rows[0];
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
        if (LOCKED.includes(current.status)) return { outcome: 'report_locked', status: current.status };
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

  async listReports(scope: Scope, filter: ReportFilter): Promise<ReportSummary[]> {
    const params: unknown[] = [];
    const where = [scopeCondition(scope, 'r.municipality_code', params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.period) add('r.period = ?', filter.period);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.municipality) add('r.municipality_code = ?', filter.municipality);
    const { rows } = await this.driver.query<ReportRow & Partial<ReviewRow> & { review_revision: number | null }>(
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
  async reportMunicipality(id: string): Promise<string | undefined> {
    const { rows } = await this.driver.query<{ municipality_code: string }>('SELECT municipality_code FROM reports WHERE id = $1', [id]);
    return rows[0]?.municipality_code;
  }

  async getReport(id: string): Promise<ReportDetail | undefined> {
    const { rows } = await this.driver.query<ReportRow & { submission: Record<string, unknown> }>(
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
      reviews: await this.reviewsOf(this.driver, id),
    };
  }

  private async reviewsOf(q: Queryable, reportId: string, onlyId?: number): Promise<Review[]> {
    const { rows } = await q.query<ReviewRow>(
      `SELECT v.decision, v.comment, v.action_numbers, v.revision, v.created_at, u.login, u.name, u.role
       FROM reviews v JOIN users u ON u.id = v.reviewer_id
       WHERE v.report_id = $1 AND ($2::bigint IS NULL OR v.id = $2) ORDER BY v.id`,
      [reportId, onlyId ?? null],
    );
    return rows.map(toReview);
  }

  /** Records a review decision and moves the report's status (see reviewTransition). */
  async addReview(r: {
    reportId: string;
    user: User;
    decision: ReviewDecision;
    comment?: string;
    actionNumbers?: number[];
    revision?: number;
    now: Date;
  }): Promise<ReviewOutcome> {
    return this.driver.transaction(async (tx): Promise<ReviewOutcome> => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report:${r.reportId}`]);
      const current = (await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.id = $1 FOR UPDATE`, [r.reportId])).rows[0];
      if (!current) return { outcome: 'not_found' };
      if (!inScope(scopeOf(r.user), current.municipality_code)) return { outcome: 'forbidden' };
      if (r.revision !== undefined && r.revision !== current.revision) {
        return { outcome: 'revision_conflict', currentRevision: current.revision };
      }
      const next = reviewTransition(current.status, r.decision, r.user.role);
      if (next === 'report_locked' || next === 'invalid_transition') return { outcome: next, status: current.status };
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO reviews (report_id, revision, decision, comment, action_numbers, reviewer_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [r.reportId, current.revision, r.decision, r.comment ?? null,
          r.actionNumbers ? JSON.stringify(r.actionNumbers) : null, r.user.id, r.now],
      );
      await tx.query('UPDATE reports SET status = $2, updated_at = $3 WHERE id = $1', [r.reportId, next, r.now]);
      await syncActionFacts(tx, r.reportId, current.municipality_code);
      await audit(tx, {
        at: r.now, actorId: r.user.id, action: 'report.reviewed', entityType: 'report', entityId: r.reportId,
        fromRevision: current.revision, toRevision: current.revision, fromStatus: current.status, toStatus: next,
        detail: { decision: r.decision },
      });
      const [review] = await this.reviewsOf(tx, r.reportId, rows[0].id);
      return { outcome: 'created', review, status: next };
    });
  }

  /** Audit rows of one entity, oldest first (tests, future admin views). */
  async auditOf(entityType: string, entityId: string): Promise<{ action: string; actorId: string | null; fromRevision: number | null; toRevision: number | null; fromStatus: string | null; toStatus: string | null }[]> {
    const { rows } = await this.driver.query<{ action: string; actor_id: string | null; from_revision: number | null; to_revision: number | null; from_status: string | null; to_status: string | null }>(
      'SELECT action, actor_id, from_revision, to_revision, from_status, to_status FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id',
      [entityType, entityId],
    );
    return rows.map((r) => ({ action: r.action, actorId: r.actor_id, fromRevision: r.from_revision, toRevision: r.to_revision, fromStatus: r.from_status, toStatus: r.to_status }));
  }
}
