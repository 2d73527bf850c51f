-- Per-action facts for the Painel: one row per action of the latest revision of every report that
-- counts (received, approved, consolidated). Written in the same transaction as each revision and
-- each review decision (server/store/action-facts.ts); a returned report has no rows until its
-- corrected revision arrives. The Painel reads these and `reports`, never the revisions' jsonb.
-- Filled for existing data by the backfill registered for version 10 in migrate.ts.
CREATE TABLE action_facts (
  report_id uuid NOT NULL REFERENCES reports (id),
  action_number integer NOT NULL,
  revision integer NOT NULL,
  period text NOT NULL,
  municipality_code text NOT NULL,
  regional text NOT NULL,
  status text NOT NULL,
  type text NOT NULL,
  themes text[] NOT NULL,
  audience text[] NOT NULL,
  participants integer NOT NULL,
  PRIMARY KEY (report_id, action_number)
);
-- The whole state over a month range; one unit over a month range.
CREATE INDEX action_facts_period_idx ON action_facts (period, municipality_code);
CREATE INDEX action_facts_regional_idx ON action_facts (regional, period);
-- The phone's status pull (GET /reports?municipality=…) and per-municipality listings.
CREATE INDEX reports_municipality_idx ON reports (municipality_code, period);
