-- Partner registry (#16): the partners of a municipality (or state-wide, municipality_code NULL),
-- deduplicated by a normalised name (accent-, case- and space-insensitive, computed by the
-- endpoint: src/domain/partner.ts) within a municipality. Contact columns are personal data.
CREATE TABLE partners (
  id uuid PRIMARY KEY,
  municipality_code text,
  name text NOT NULL,
  name_key text NOT NULL CHECK (name_key <> ''),
  kind text NOT NULL CHECK (kind IN ('pessoa_fisica', 'pessoa_juridica', 'grupo_informal')),
  governmental boolean NOT NULL,
  sector text NOT NULL,
  phone text,
  email text,
  social text,
  campaigns boolean NOT NULL DEFAULT false,
  -- pending: a public sign-up waiting for the municipality's agent or its regional unit
  status text NOT NULL CHECK (status IN ('active', 'pending', 'merged', 'rejected')),
  merged_into uuid REFERENCES partners (id),
  source text NOT NULL CHECK (source IN ('agent', 'signup')),
  -- the LGPD consent of a public sign-up: when, and the purpose the form stated
  consent_at timestamptz,
  consent_purpose text,
  created_by uuid REFERENCES users (id),
  confirmed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
  CHECK (source <> 'signup' OR consent_at IS NOT NULL)
);
-- One active partner per normalised name and municipality.
CREATE UNIQUE INDEX partners_one_per_name ON partners ((coalesce(municipality_code, '')), name_key) WHERE status = 'active';
CREATE INDEX partners_municipality_idx ON partners (municipality_code, status);
CREATE INDEX partners_campaigns_idx ON partners (name_key, id) WHERE status = 'active' AND campaigns;

-- Ids a phone created offline for a partner the endpoint already had (or that a merge folded):
-- later reports naming the phone's id reach the kept partner.
CREATE TABLE partner_aliases (
  client_id uuid PRIMARY KEY,
  partner_id uuid NOT NULL REFERENCES partners (id)
);

-- One row per partner named by an action of a report's latest revision (written in the same
-- transaction as every revision and decision, like action_facts): each partner's history and the
-- Painel's distinct partners by sector read this, never the revisions' JSON.
CREATE TABLE partner_facts (
  report_id uuid NOT NULL REFERENCES reports (id),
  action_number integer NOT NULL,
  -- the registry's partner, or NULL for a free-text partner of an older report
  partner_id uuid REFERENCES partners (id),
  name_key text NOT NULL,
  name text NOT NULL,
  sector text NOT NULL,
  period text NOT NULL,
  municipality_code text NOT NULL,
  regional text NOT NULL,
  status text NOT NULL,
  action_date text NOT NULL,
  action_title text NOT NULL,
  action_type text NOT NULL,
  PRIMARY KEY (report_id, action_number, name_key)
);
CREATE INDEX partner_facts_partner_idx ON partner_facts (partner_id, period);
CREATE INDEX partner_facts_period_idx ON partner_facts (period, municipality_code);
