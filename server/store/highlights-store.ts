// Highlights: SQL for publishing an action of a received report on the public pages (central), or
// suggesting it (regional), unpublishing it, and reading what is public. Photos are re-encoded
// before the transaction (sharp takes ~0.2–0.8 s a photo) and written in it with the highlight.
import { randomBytes } from 'node:crypto';
import type { User } from '../../src/domain/api.ts';
import type { Highlight, HighlightRequest, HighlightStatus } from '../../src/domain/highlight.ts';
import type { ReportSubmission, ServerReportStatus } from '../../src/domain/report.ts';
import { makePublicPhoto, type PublicPhoto } from '../public-site/public-photo.ts';
import type { PublicHighlight } from '../public-site/highlight-cards.ts';
import type { Driver, Queryable } from './driver.ts';
import { inScope, scopeOf, scopeSql, type Scope } from '../auth/scope.ts';
import { audit } from './audit.ts';

export type SaveHighlightOutcome =
  | { outcome: 'saved'; created: boolean; highlight: Highlight }
  | { outcome: 'not_found' | 'forbidden' | 'consent_required' | 'report_returned' | 'unknown_action' }
  | { outcome: 'unknown_photos'; photos: string[] };

export interface HighlightFilter {
  period?: string;
  status?: HighlightStatus;
  reportId?: string;
  limit?: number;
}

interface Row {
  id: string; report_id: string; action_id: string; status: HighlightStatus; title: string; body: string;
  municipality_code: string; period: string; action_date: string; action_type: string; themes: string[];
  photo_sha256: string[]; image_consent: boolean; updated_at: Date; published_at: Date | null;
}
const COLUMNS = `h.id, h.report_id, h.action_id, h.status, h.title, h.body, h.municipality_code, h.period, h.action_date,
  h.action_type, h.themes, h.photo_sha256, h.image_consent, h.updated_at, h.published_at`;

async function publicPhotosOf(q: Queryable, ids: string[]) {
  const byId = new Map<string, { publicId: string; width: number; height: number }[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byId;
  const { rows } = await q.query<{ highlight_id: string; public_id: string; width: number; height: number }>(
    'SELECT highlight_id, public_id, width, height FROM highlight_photos WHERE highlight_id = ANY($1::uuid[]) ORDER BY highlight_id, position',
    [ids],
  );
  for (const r of rows) byId.get(r.highlight_id)?.push({ publicId: r.public_id, width: r.width, height: r.height });
  return byId;
}

async function toHighlights(q: Queryable, rows: Row[]): Promise<Highlight[]> {
  const photos = await publicPhotosOf(q, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, reportId: r.report_id, actionId: r.action_id, status: r.status, title: r.title, text: r.body,
    municipalityCode: r.municipality_code, period: r.period, date: r.action_date, actionType: r.action_type,
    themes: r.themes, photos: r.photo_sha256, imageConsent: r.image_consent, publicPhotos: photos.get(r.id) ?? [],
    updatedAt: r.updated_at.toISOString(), publishedAt: r.published_at?.toISOString() ?? null,
  }));
}

const auditHighlight = (q: Queryable, at: Date, actorId: string, action: string, id: string, from: string | null, to: string, detail: Record<string, unknown>) =>
  audit(q, { at, actorId, action, entityType: 'highlight', entityId: id, fromStatus: from ?? undefined, toStatus: to, detail });

/**
 * Central: publish (or re-publish with edits) the highlight of an action; regional: suggest it
 * (its own unit only). The action and photos must be in the report's latest revision, and photos
 * need the image-use consent. One highlight per action: a second call edits it.
 */
async function saveHighlight(driver: Driver, r: HighlightRequest, user: User, now: Date): Promise<SaveHighlightOutcome> {
  const { rows } = await driver.query<{ municipality_code: string; period: string; status: ServerReportStatus; submission: ReportSubmission }>(
    `SELECT r.municipality_code, r.period, r.status, v.submission FROM reports r
     JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = $1`,
    [r.reportId],
  );
  const report = rows[0];
  if (!report) return { outcome: 'not_found' };
  if (!inScope(scopeOf(user), report.municipality_code)) return { outcome: 'forbidden' };
  if (report.status === 'returned') return { outcome: 'report_returned' };
  const action = report.submission.actions.find((a) => a.id === r.actionId);
  if (!action) return { outcome: 'unknown_action' };
  const own = new Set(action.photos.map((p) => p.sha256));
  const unknown = r.photos.filter((s) => !own.has(s));
  if (unknown.length) return { outcome: 'unknown_photos', photos: unknown };
  const photos = [...new Set(r.photos)];
  if (photos.length && !r.imageConsent) return { outcome: 'consent_required' };
  const publish = user.role === 'central';

  // Re-encode outside the transaction: decoding pixels is the slow part.
  const encoded: PublicPhoto[] = [];
  if (publish) {
    for (const sha of photos) {
      const src = await driver.query<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE sha256 = $1', [sha]);
      if (!src.rows[0]) return { outcome: 'unknown_photos', photos: [sha] };
      encoded.push(await makePublicPhoto(src.rows[0].bytes));
    }
  }
  return driver.transaction(async (tx) => {
    const before = (await tx.query<{ id: string; status: HighlightStatus }>(
      'SELECT id, status FROM highlights WHERE report_id = $1 AND action_id = $2 FOR UPDATE', [r.reportId, r.actionId],
    )).rows[0];
    // A regional unit's suggestion never takes a published highlight down.
    const status: HighlightStatus = publish ? 'published' : before?.status === 'published' ? 'published' : 'suggested';
    if (!publish && before?.status === 'published') return { outcome: 'forbidden' as const };
    const values = [r.title, r.text, report.municipality_code, report.period, action.date, action.type,
      JSON.stringify(action.themes), JSON.stringify(photos), r.imageConsent, now];
    let id: string;
    if (before) {
      id = before.id;
      await tx.query(
        `UPDATE highlights SET status = $2, title = $3, body = $4, municipality_code = $5, period = $6, action_date = $7,
           action_type = $8, themes = $9, photo_sha256 = $10, image_consent = $11, updated_at = $12,
           published_by = CASE WHEN $2 = 'published' THEN $13::uuid ELSE published_by END,
           suggested_by = CASE WHEN $2 = 'suggested' THEN $13::uuid ELSE suggested_by END,
           published_at = CASE WHEN $2 = 'published' THEN $12 ELSE published_at END
         WHERE id = $1`,
        [id, status, ...values, user.id],
      );
      await tx.query('DELETE FROM highlight_photos WHERE highlight_id = $1', [id]);
    } else {
      id = (await tx.query<{ id: string }>(
        `INSERT INTO highlights (report_id, action_id, status, title, body, municipality_code, period, action_date, action_type,
           themes, photo_sha256, image_consent, created_at, updated_at, suggested_by, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13,
           CASE WHEN $3 = 'suggested' THEN $14::uuid END, CASE WHEN $3 = 'published' THEN $14::uuid END,
           CASE WHEN $3 = 'published' THEN $13::timestamptz END) RETURNING id`,
        [r.reportId, r.actionId, status, ...values, user.id],
      )).rows[0].id;
    }
    for (const [i, p] of encoded.entries()) {
      await tx.query(
        'INSERT INTO highlight_photos (public_id, highlight_id, position, width, height, thumb, full_size) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [randomBytes(16).toString('hex'), id, i, p.width, p.height, p.thumb, p.full],
      );
    }
    await auditHighlight(tx, now, user.id, publish ? 'highlight.published' : 'highlight.suggested', id, before?.status ?? null, status,
      { reportId: r.reportId, actionId: r.actionId, photos: photos.length, imageConsent: r.imageConsent });
    const row = (await tx.query<Row>(`SELECT ${COLUMNS} FROM highlights h WHERE h.id = $1`, [id])).rows;
    return { outcome: 'saved' as const, created: !before, highlight: (await toHighlights(tx, row))[0] };
  });
}

/** Central: takes a highlight off the public pages at once and deletes its public photo copies. */
async function unpublishHighlight(driver: Driver, id: string, user: User, now: Date): Promise<Highlight | undefined> {
  return driver.transaction(async (tx) => {
    const before = (await tx.query<{ status: HighlightStatus }>('SELECT status FROM highlights WHERE id = $1 FOR UPDATE', [id])).rows[0];
    if (!before) return undefined;
    await tx.query('DELETE FROM highlight_photos WHERE highlight_id = $1', [id]);
    await tx.query(`UPDATE highlights SET status = 'unpublished', updated_at = $2 WHERE id = $1`, [id, now]);
    await auditHighlight(tx, now, user.id, 'highlight.unpublished', id, before.status, 'unpublished', {});
    return (await toHighlights(tx, (await tx.query<Row>(`SELECT ${COLUMNS} FROM highlights h WHERE h.id = $1`, [id])).rows))[0];
  });
}

/** Highlights in a scope (reviewers' list), newest first, at most `limit`. */
async function listHighlights(q: Queryable, scope: Scope, f: HighlightFilter): Promise<Highlight[]> {
  const params: unknown[] = [f.period ?? null, f.status ?? null, Math.min(f.limit ?? 100, 500), f.reportId ?? null];
  const where = `($1::text IS NULL OR h.period = $1) AND ($2::text IS NULL OR h.status = $2) AND ($4::uuid IS NULL OR h.report_id = $4)
    AND ${scopeSql(scope, 'h.municipality_code', params)}`;
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM highlights h WHERE ${where} ORDER BY h.updated_at DESC, h.id LIMIT $3`, params);
  return toHighlights(q, rows);
}

/** What the public pages show: published highlights of a month range, newest action first. */
async function publishedHighlights(q: Queryable, p: { from: string; to: string; limit: number }): Promise<PublicHighlight[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM highlights h WHERE h.status = 'published' AND h.period BETWEEN $1 AND $2
     ORDER BY h.action_date DESC, h.published_at DESC, h.id LIMIT $3`,
    [p.from, p.to, p.limit],
  );
  const photos = await publicPhotosOf(q, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, title: r.title, text: r.body, municipalityCode: r.municipality_code, period: r.period, date: r.action_date,
    themes: r.themes, actionType: r.action_type, photos: photos.get(r.id) ?? [],
  }));
}

/** A public photo's bytes, only while its highlight is published. */
async function publicPhotoBytes(q: Queryable, publicId: string, size: 'thumb' | 'full'): Promise<Buffer | undefined> {
  const column = size === 'thumb' ? 'p.thumb' : 'p.full_size';
  const { rows } = await q.query<{ bytes: Buffer }>(
    `SELECT ${column} AS bytes FROM highlight_photos p JOIN highlights h ON h.id = p.highlight_id
     WHERE p.public_id = $1 AND h.status = 'published'`,
    [publicId],
  );
  return rows[0]?.bytes;
}

/** Highlights: publish, suggest, unpublish, and what the public pages read. */
export class HighlightStore {
  constructor(private readonly driver: Driver) {}

  save(r: HighlightRequest, user: User, now: Date): Promise<SaveHighlightOutcome> {
    return saveHighlight(this.driver, r, user, now);
  }

  unpublish(id: string, user: User, now: Date): Promise<Highlight | undefined> {
    return unpublishHighlight(this.driver, id, user, now);
  }

  list(scope: Scope, f: HighlightFilter): Promise<Highlight[]> {
    return listHighlights(this.driver, scope, f);
  }

  published(p: { from: string; to: string; limit: number }): Promise<PublicHighlight[]> {
    return publishedHighlights(this.driver, p);
  }

  photoBytes(publicId: string, size: 'thumb' | 'full'): Promise<Buffer | undefined> {
    return publicPhotoBytes(this.driver, publicId, size);
  }
}
