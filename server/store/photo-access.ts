/**
 * The photo access check, written so that it starts from the photo's sha256 whatever the planner
 * knows: the uploader row by primary key, then the few report_photos rows of that sha256 (index),
 * and for each of them its report by primary key (a scalar subquery, so never a scan of `reports`
 * joined by hash — which is what PGlite picked without statistics: 63 ms per photo at 30,000
 * reports instead of 3 ms).
 *
 * Parameters: $1 sha256, $2 user id, then the scope's codes when `codesParam` is given.
 * Columns: mime_type, allowed. No row when the photo is not stored.
 */
export function photoAccessSql(scopeAll: boolean): string {
  const inScope = scopeAll ? 'true' : '(SELECT r.municipality_code FROM reports r WHERE r.id = rp.report_id) = ANY($3::text[])';
  return `SELECT p.mime_type,
      (EXISTS (SELECT 1 FROM photo_uploads pu WHERE pu.sha256 = $1 AND pu.user_id = $2)
       OR EXISTS (SELECT 1 FROM report_photos rp WHERE rp.sha256 = $1 AND ${inScope})) AS allowed
    FROM photos p WHERE p.sha256 = $1`;
}
