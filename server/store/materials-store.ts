// Campaign materials (#16): SQL for the pieces and tutorials central uploads, who reads them (every
// signed-in account, and the public site) and the audited upload and delete.
import { createHash } from 'node:crypto';
import type { Material, MaterialType } from '../../src/domain/material.ts';
import type { MaterialMeta } from '../../src/domain/material-upload.ts';
import { audit } from './audit.ts';
import type { Driver } from './driver.ts';

interface Row {
  id: string; kind: Material['kind']; title: string; month: string | null; campaign: string | null;
  workshop: Material['workshop']; steps: string | null; file_name: string | null; mime_type: MaterialType | null;
  byte_size: number; sha256: string | null; created_at: Date;
}
const COLUMNS = 'id, kind, title, month, campaign, workshop, steps, file_name, mime_type, byte_size, sha256, created_at';

const toMaterial = (r: Row): Material => ({
  id: r.id, kind: r.kind, title: r.title, month: r.month, campaign: r.campaign, workshop: r.workshop, steps: r.steps,
  fileName: r.file_name, mimeType: r.mime_type, byteSize: Number(r.byte_size), sha256: r.sha256, createdAt: r.created_at.toISOString(),
});

export interface MaterialFile {
  mimeType: MaterialType;
  fileName: string;
  sha256: string;
  bytes: Buffer;
}

export class MaterialStore {
  constructor(private readonly db: Driver) {}

  /** Stores one piece or tutorial (file already sniffed and named by the route). */
  async create(meta: MaterialMeta, file: Omit<MaterialFile, 'sha256'> | undefined, userId: string, now: Date): Promise<Material> {
    const sha256 = file ? createHash('sha256').update(file.bytes).digest('hex') : null;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `INSERT INTO materials (kind, title, month, campaign, workshop, steps, file_name, mime_type, byte_size, sha256, bytes, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
        [meta.kind, meta.title, meta.kind === 'piece' ? meta.month : null, meta.kind === 'piece' ? meta.campaign : null,
          meta.kind === 'tutorial' ? meta.workshop : null, meta.steps || null, file?.fileName ?? null, file?.mimeType ?? null,
          file?.bytes.length ?? 0, sha256, file?.bytes ?? null, userId, now],
      );
      const m = toMaterial(rows[0]);
      await audit(tx, { at: now, actorId: userId, action: 'material.uploaded', entityType: 'material', entityId: m.id,
        detail: { kind: m.kind, title: m.title, month: m.month, campaign: m.campaign, mimeType: m.mimeType, byteSize: m.byteSize, sha256 } });
      return m;
    });
  }

  /** The month's pieces (newest first) and every tutorial (by workshop, then newest). */
  async list(month: string): Promise<Material[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM materials WHERE deleted_at IS NULL AND (month = $1 OR kind = 'tutorial')
       ORDER BY kind, workshop NULLS FIRST, created_at DESC, id`,
      [month],
    );
    return rows.map(toMaterial);
  }

  async file(id: string): Promise<MaterialFile | undefined> {
    const { rows } = await this.db.query<{ mime_type: MaterialType; file_name: string; sha256: string; bytes: Buffer }>(
      'SELECT mime_type, file_name, sha256, bytes FROM materials WHERE id = $1 AND deleted_at IS NULL AND bytes IS NOT NULL',
      [id],
    );
    const r = rows[0];
    return r && { mimeType: r.mime_type, fileName: r.file_name, sha256: r.sha256, bytes: r.bytes };
  }

  /** Takes a material down: the bytes go, the row stays for the audit trail. False when unknown or already deleted. */
  async delete(id: string, userId: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ title: string; kind: string }>(
        'UPDATE materials SET deleted_at = $2, deleted_by = $3, bytes = NULL WHERE id = $1 AND deleted_at IS NULL RETURNING title, kind',
        [id, now, userId],
      );
      if (!rows[0]) return false;
      await audit(tx, { at: now, actorId: userId, action: 'material.deleted', entityType: 'material', entityId: id, detail: { title: rows[0].title, kind: rows[0].kind } });
      return true;
    });
  }
}
