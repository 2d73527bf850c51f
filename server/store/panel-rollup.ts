// The Painel's monthly rollup (migration 013): its triggers keep it; this rebuilds it from scratch.
import type { Queryable } from './driver.ts';

/**
 * Recomputes both rollup tables from `reports` and `action_facts` (the backfill of version 13, and
 * a repair). On a store migrated from scratch 013 runs before 020 adds `duplicate_of`: then there
 * are no reports yet, and no duplicates to leave out.
 */
export async function rebuildPanelRollup(tx: Queryable): Promise<void> {
  const { rowCount } = await tx.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'reports' AND column_name = 'duplicate_of'`);
  const counted = rowCount > 0 ? 'WHERE duplicate_of IS NULL' : '';
  await tx.exec(`DELETE FROM panel_town_month; DELETE FROM panel_key_month;
    INSERT INTO panel_town_month (period, municipality_code, status, reports, actions, participants)
      SELECT period, municipality_code, status, sum(reports), sum(actions), sum(participants) FROM (
        SELECT period, municipality_code, status, count(*) AS reports, 0 AS actions, 0 AS participants FROM reports ${counted} GROUP BY 1, 2, 3
        UNION ALL
        SELECT period, municipality_code, status, 0, count(*), sum(participants) FROM action_facts GROUP BY 1, 2, 3
      ) x GROUP BY 1, 2, 3;
    INSERT INTO panel_key_month (period, regional, status, dimension, key, n)
      SELECT period, regional, status, 'type', type, count(*) FROM action_facts GROUP BY 1, 2, 3, 5
      UNION ALL
      SELECT period, regional, status, 'theme', t, count(*) FROM action_facts CROSS JOIN LATERAL unnest(themes) t GROUP BY 1, 2, 3, 5;`);
}
