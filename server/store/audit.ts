// The audit writer: every change of an account, session, photo or report leaves one row.
import type { Queryable } from './driver.ts';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: 'user' | 'session' | 'photo' | 'report' | 'highlight' | 'partner' | 'material';
  entityId: string;
  fromRevision?: number;
  toRevision?: number;
  fromStatus?: string;
  toStatus?: string;
  detail?: Record<string, unknown>;
}

export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, from_revision, to_revision, from_status, to_status, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.at, e.actorId, e.action, e.entityType, e.entityId, e.fromRevision ?? null, e.toRevision ?? null,
      e.fromStatus ?? null, e.toStatus ?? null, e.detail ? JSON.stringify(e.detail) : null],
  );
}
