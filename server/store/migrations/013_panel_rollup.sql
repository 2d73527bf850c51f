-- The Painel's monthly rollup: counters per month that the Painel reads instead of the facts, so its
-- cost is months × municipalities (not actions × revisions). Kept in the same transaction as every
-- write by statement-level triggers on `action_facts` (itself kept by server/store/action-facts.ts)
-- and on `reports` (report counts by status; duplicates left out):
--   panel_town_month — per month, municipality and report status: reports, actions, participants;
--   panel_key_month  — per month, regional unit and status: actions per type ('type') and per theme ('theme').
-- Rows are adjusted by deltas (INSERT … ON CONFLICT DO UPDATE), which two transactions on the same
-- counter serialize on its row lock, and rows whose counters fell back to zero are left in place.
-- Derived data: backup/restore skips these tables and the triggers rebuild them from the copied rows.
CREATE TABLE panel_town_month (
  period text NOT NULL,
  municipality_code text NOT NULL,
  status text NOT NULL,
  reports integer NOT NULL DEFAULT 0,
  actions integer NOT NULL DEFAULT 0,
  participants bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (period, municipality_code, status)
);

CREATE TABLE panel_key_month (
  period text NOT NULL,
  regional text NOT NULL,
  status text NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('type', 'theme')),
  key text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (period, regional, status, dimension, key)
);
CREATE INDEX panel_key_month_regional_idx ON panel_key_month (regional, period);

-- Existing data: rebuildPanelRollup (server/store/panel-rollup.ts), the backfill of version 13.

-- Facts → actions and participants per town-month, type and theme counts per regional-month.
-- `sign` is +1 for the statement's new rows, -1 for its old ones. Transition tables are only
-- visible in the trigger function itself, hence one function per event.
CREATE FUNCTION panel_apply_facts_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO panel_town_month AS t (period, municipality_code, status, actions, participants)
    SELECT period, municipality_code, status, count(*), sum(participants) FROM new_facts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (period, municipality_code, status)
    DO UPDATE SET actions = t.actions + excluded.actions, participants = t.participants + excluded.participants;
  INSERT INTO panel_key_month AS k (period, regional, status, dimension, key, n)
    SELECT * FROM (
      SELECT period, regional, status, 'type' AS dimension, type AS key, count(*) AS n FROM new_facts GROUP BY 1, 2, 3, 5
      UNION ALL
      SELECT period, regional, status, 'theme', t, count(*) FROM new_facts CROSS JOIN LATERAL unnest(themes) t GROUP BY 1, 2, 3, 5
    ) d ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (period, regional, status, dimension, key) DO UPDATE SET n = k.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION panel_apply_facts_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO panel_town_month AS t (period, municipality_code, status, actions, participants)
    SELECT period, municipality_code, status, -count(*), -sum(participants) FROM old_facts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (period, municipality_code, status)
    DO UPDATE SET actions = t.actions + excluded.actions, participants = t.participants + excluded.participants;
  INSERT INTO panel_key_month AS k (period, regional, status, dimension, key, n)
    SELECT * FROM (
      SELECT period, regional, status, 'type' AS dimension, type AS key, -count(*) AS n FROM old_facts GROUP BY 1, 2, 3, 5
      UNION ALL
      SELECT period, regional, status, 'theme', t, -count(*) FROM old_facts CROSS JOIN LATERAL unnest(themes) t GROUP BY 1, 2, 3, 5
    ) d ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (period, regional, status, dimension, key) DO UPDATE SET n = k.n + excluded.n;
  RETURN NULL;
END $$;

-- An UPDATE of facts is its old rows out, then its new rows in (two triggers, in name order).
CREATE TRIGGER panel_facts_insert AFTER INSERT ON action_facts REFERENCING NEW TABLE AS new_facts
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_facts_new();
CREATE TRIGGER panel_facts_delete AFTER DELETE ON action_facts REFERENCING OLD TABLE AS old_facts
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_facts_old();
CREATE TRIGGER panel_facts_update_1_old AFTER UPDATE ON action_facts REFERENCING OLD TABLE AS old_facts
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_facts_old();
CREATE TRIGGER panel_facts_update_2_new AFTER UPDATE ON action_facts REFERENCING NEW TABLE AS new_facts
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_facts_new();

-- Reports → report counts per town-month and status (duplicates do not count). `duplicate_of` comes
-- with migration 020, after this one: read through to_jsonb so that a write in between still works. An UPDATE that
-- leaves period, town, status and duplicate_of alone (a new revision's timestamps) changes nothing.
CREATE FUNCTION panel_apply_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO panel_town_month AS t (period, municipality_code, status, reports)
      SELECT period, municipality_code, status, count(*) FROM new_reports n WHERE to_jsonb(n) ->> 'duplicate_of' IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (period, municipality_code, status) DO UPDATE SET reports = t.reports + excluded.reports;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO panel_town_month AS t (period, municipality_code, status, reports)
      SELECT period, municipality_code, status, -count(*) FROM old_reports o WHERE to_jsonb(o) ->> 'duplicate_of' IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (period, municipality_code, status) DO UPDATE SET reports = t.reports + excluded.reports;
  ELSE
    INSERT INTO panel_town_month AS t (period, municipality_code, status, reports)
      SELECT period, municipality_code, status, sum(d) FROM (
        SELECT period, municipality_code, status, -1 AS d FROM old_reports o WHERE to_jsonb(o) ->> 'duplicate_of' IS NULL
        UNION ALL
        SELECT period, municipality_code, status, 1 FROM new_reports n WHERE to_jsonb(n) ->> 'duplicate_of' IS NULL
      ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (period, municipality_code, status) DO UPDATE SET reports = t.reports + excluded.reports;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER panel_reports_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_reports
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_reports();
CREATE TRIGGER panel_reports_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_reports
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_reports();
CREATE TRIGGER panel_reports_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_reports NEW TABLE AS new_reports
  FOR EACH STATEMENT EXECUTE FUNCTION panel_apply_reports();

-- ANALYZE (PGlite runs it on the server's thread, server/store/statistics.ts) need not sample the
-- large payload columns: no query filters or joins on them.
ALTER TABLE report_revisions ALTER COLUMN submission SET STATISTICS 0;
ALTER TABLE photos ALTER COLUMN bytes SET STATISTICS 0;
