// Test-only access to the store's tables (not on the production class).
import type { SqlStore } from '../../server/store/sql-store.ts';

/** Empties every table. */
export async function truncateAll(store: SqlStore): Promise<void> {
  await store.driver.exec(
    'TRUNCATE rate_limits, action_facts, panel_town_month, panel_key_month, audit_log, reviews, protocol_sequences, report_photos, report_revisions, reports, photo_uploads, photos, sessions, users RESTART IDENTITY CASCADE',
  );
}

export interface AuditRow {
  action: string;
  actorId: string | null;
  fromRevision: number | null;
  toRevision: number | null;
  fromStatus: string | null;
  toStatus: string | null;
}

/** Audit rows of one entity, oldest first. */
export async function auditOf(store: SqlStore, entityType: string, entityId: string): Promise<AuditRow[]> {
  const { rows } = await store.driver.query<{ action: string; actor_id: string | null; from_revision: number | null; to_revision: number | null; from_status: string | null; to_status: string | null }>(
    'SELECT action, actor_id, from_revision, to_revision, from_status, to_status FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id',
    [entityType, entityId],
  );
  return rows.map((r) => ({ action: r.action, actorId: r.actor_id, fromRevision: r.from_revision, toRevision: r.to_revision, fromStatus: r.from_status, toStatus: r.to_status }));
}
