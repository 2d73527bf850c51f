// Row shapes and mappers shared by the store modules.
import type { ReportReceipt, Review, ReviewDecision, Role, User } from '../../src/domain/api.ts';
import type { RegionalName } from '../../src/domain/municipality.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import type { Queryable } from './driver.ts';

export interface UserRow {
  id: string;
  login: string;
  name: string;
  role: Role;
  municipality_code: string | null;
  regional: RegionalName | null;
}

export interface ReportRow {
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

export interface ReviewRow {
  decision: ReviewDecision;
  comment: string | null;
  action_numbers: number[] | null;
  revision: number;
  created_at: Date;
  login: string;
  name: string;
  role: Role;
}

export const USER_COLUMNS = 'u.id, u.login, u.name, u.role, u.municipality_code, u.regional';
export const REPORT_COLUMNS =
  'r.id, r.municipality_code, r.period, r.protocol, r.revision, r.status, r.action_count, r.photo_count, r.received_at';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    ...(row.municipality_code ? { municipalityCode: row.municipality_code } : {}),
    ...(row.regional ? { regional: row.regional } : {}),
  };
}

export function toReview(row: ReviewRow): Review {
  return {
    decision: row.decision,
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.action_numbers ? { actionNumbers: row.action_numbers } : {}),
    by: { login: row.login, name: row.name, role: row.role },
    at: row.created_at.toISOString(),
    revision: row.revision,
  };
}

export function receiptOf(row: ReportRow, revision = row.revision, receivedAt = row.received_at): ReportReceipt {
  return { id: row.id, revision, protocol: row.protocol, receivedAt: receivedAt.toISOString(), status: row.status };
}

/** Serializes writers of one report (PUT of a revision, review decisions) across processes. */
export async function lockReport(tx: Queryable, id: string): Promise<ReportRow | undefined> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report:${id}`]);
  return (await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.id = $1 FOR UPDATE`, [id])).rows[0];
}
