// Content-addressed photo bytes, stored once per sha256, and who may read them.
import type { User } from '../../src/domain/api.ts';
import { scopeOf } from '../auth/scope.ts';
import { photoAccessSql } from './photo-access.ts';
import { audit } from './audit.ts';
import type { Driver } from './driver.ts';

export class PhotoStore {
  constructor(private readonly db: Driver) {}

  async has(sha256: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM photos WHERE sha256 = $1', [sha256]);
    return rowCount > 0;
  }

  /** Of `sha256s`, those not stored (any uploader: the same rule as the report PUT's check), in order, once each. */
  async missing(sha256s: readonly string[]): Promise<string[]> {
    const unique = [...new Set(sha256s)];
    const { rows } = await this.db.query<{ sha256: string }>('SELECT sha256 FROM photos WHERE sha256 = ANY($1::text[])', [unique]);
    const stored = new Set(rows.map((r) => r.sha256));
    return unique.filter((h) => !stored.has(h));
  }

  /** Stores the bytes once per sha256 and remembers the uploader. `created` is false for a repeat. */
  async put(p: { sha256: string; mimeType: string; bytes: Buffer; userId: string; now: Date }): Promise<{ created: boolean }> {
    const exists = await this.has(p.sha256);
    return this.db.transaction(async (tx) => {
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
  async get(sha256: string, user: User): Promise<{ mimeType: string; bytes: Buffer } | 'forbidden' | undefined> {
    const scope = scopeOf(user);
    const { rows } = await this.db.query<{ mime_type: string; allowed: boolean }>(
      photoAccessSql(scope.all),
      scope.all ? [sha256, user.id] : [sha256, user.id, scope.codes],
    );
    if (!rows[0]) return undefined;
    if (!rows[0].allowed) return 'forbidden';
    const bytes = await this.db.query<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE sha256 = $1', [sha256]);
    return { mimeType: rows[0].mime_type, bytes: bytes.rows[0].bytes };
  }
}
