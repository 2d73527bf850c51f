-- One report per municipality and period (issue #12).
-- Reports that share a (municipality, period) with an earlier one become duplicates: they stay in
-- `reports` (with every revision, photo and review, nothing is deleted) but point at the kept
-- report through `duplicate_of`, leave every list, count and export, and wait in
-- `report_duplicates` for the central level to merge or discard them.

ALTER TABLE reports ADD COLUMN duplicate_of uuid REFERENCES reports (id);

CREATE TABLE report_duplicates (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  kept_report_id uuid NOT NULL REFERENCES reports (id),
  municipality_code text NOT NULL,
  period text NOT NULL,
  found_at timestamptz NOT NULL,
  -- how it was found: 'migration' (existing data) — the rule keeps new ones from being stored
  found_by text NOT NULL,
  resolution text CHECK (resolution IN ('merged', 'discarded')),
  -- the kept report's revision that holds the merged actions
  merged_revision integer,
  resolved_by uuid REFERENCES users (id),
  resolved_at timestamptz,
  CHECK ((resolution IS NULL) = (resolved_at IS NULL))
);
CREATE INDEX report_duplicates_open_idx ON report_duplicates (period, municipality_code) WHERE resolved_at IS NULL;

-- The earliest report of each (municipality, period) is kept: first received, then id.
WITH ranked AS (
  SELECT id, municipality_code, period,
    first_value(id) OVER w AS kept_id,
    row_number() OVER w AS rank
  FROM reports
  WINDOW w AS (PARTITION BY municipality_code, period ORDER BY first_received_at, id)
)
INSERT INTO report_duplicates (report_id, kept_report_id, municipality_code, period, found_at, found_by)
SELECT id, kept_id, municipality_code, period, now(), 'migration' FROM ranked WHERE rank > 1;

UPDATE reports r SET duplicate_of = d.kept_report_id FROM report_duplicates d WHERE d.report_id = r.id;

-- The Painel's facts (migration 010) count each municipality-month once too.
DELETE FROM action_facts WHERE report_id IN (SELECT report_id FROM report_duplicates);

INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, detail)
SELECT now(), NULL, 'report.duplicate_found', 'report', d.report_id::text,
  jsonb_build_object('keptReportId', d.kept_report_id, 'municipalityCode', d.municipality_code, 'period', d.period)
FROM report_duplicates d;

-- The rule itself, race-safe across endpoint processes: at most one live report per month.
CREATE UNIQUE INDEX reports_one_per_period ON reports (municipality_code, period) WHERE duplicate_of IS NULL;
