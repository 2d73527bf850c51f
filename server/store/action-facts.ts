// The Painel's facts (migration 010): kept equal to the latest counted revision of each report.
import { allMunicipalities, findMunicipality } from '../../src/domain/municipality.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import type { Queryable } from './driver.ts';

/** Reports whose actions count on the Painel (a returned report waits for its correction). */
export const COUNTED_STATUSES: readonly ServerReportStatus[] = ['received', 'approved', 'consolidated'];

const COLUMNS = 'report_id, action_number, revision, period, municipality_code, regional, status, type, themes, audience, participants';

/** INSERT … SELECT of the facts of the reports matched by `where` ($1 statuses, $2 codes, $3 regionals, then the caller's). */
function insertFacts(where: string): string {
  return `INSERT INTO action_facts (${COLUMNS})
    SELECT r.id, (a ->> 'number')::int, r.revision, r.period, r.municipality_code, coalesce(m.regional, ''), r.status,
      coalesce(a ->> 'type', ''),
      ARRAY(SELECT jsonb_array_elements_text(coalesce(a -> 'themes', '[]'::jsonb))),
      ARRAY(SELECT jsonb_array_elements_text(coalesce(a -> 'audience', '[]'::jsonb))),
      coalesce((a ->> 'participants')::int, 0)
    FROM reports r
    JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
    LEFT JOIN unnest($2::text[], $3::text[]) AS m (code, regional) ON m.code = r.municipality_code
    CROSS JOIN LATERAL jsonb_array_elements(v.submission -> 'actions') a
    WHERE r.status = ANY($1::text[]) AND ${where}`;
}

/**
 * Rewrites the facts of one report from its current row and latest revision. Call it inside the
 * transaction that changed the report (new revision, review decision): a returned report's facts
 * disappear, a corrected revision replaces them, an approval updates their status.
 */
export async function syncActionFacts(tx: Queryable, reportId: string, municipalityCode: string): Promise<void> {
  await tx.query('DELETE FROM action_facts WHERE report_id = $1', [reportId]);
  const regional = findMunicipality(municipalityCode)?.regional ?? '';
  await tx.query(insertFacts('r.id = $4'), [COUNTED_STATUSES, [municipalityCode], [regional], reportId]);
}

/** Rebuilds every fact from the reports and their revisions (the migration's backfill). */
export async function rebuildActionFacts(tx: Queryable): Promise<void> {
  const all = allMunicipalities();
  await tx.query('DELETE FROM action_facts');
  await tx.query(insertFacts('true'), [COUNTED_STATUSES, all.map((m) => m.code), all.map((m) => m.regional)]);
}
