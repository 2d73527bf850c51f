-- Accounts, device sessions, photos (by sha256), reports with every revision, reviews, audit.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  login text NOT NULL UNIQUE CHECK (login = lower(login) AND login ~ '^[a-z0-9._@-]{2,100}$'),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'regional', 'central')),
  municipality_code text CHECK (municipality_code ~ '^\d{7}$'),
  regional text,
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((role = 'agent') = (municipality_code IS NOT NULL)),
  CHECK ((role = 'regional') = (regional IS NOT NULL))
);

-- A device token is stored only as its sha256 (hex).
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  device_name text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE photos (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime_type text NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/webp', 'image/png')),
  byte_size integer NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL
);

-- Every account that uploaded a photo (the same bytes may come from two phones).
CREATE TABLE photo_uploads (
  sha256 text NOT NULL REFERENCES photos (sha256),
  user_id uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (sha256, user_id)
);
CREATE INDEX photo_uploads_user_idx ON photo_uploads (user_id);

-- The current state of each report; one protocol per report id, kept across revisions.
CREATE TABLE reports (
  id uuid PRIMARY KEY,
  municipality_code text NOT NULL,
  period text NOT NULL,
  protocol text NOT NULL UNIQUE,
  revision integer NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'returned', 'approved', 'consolidated')),
  action_count integer NOT NULL,
  photo_count integer NOT NULL,
  received_at timestamptz NOT NULL,
  first_received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX reports_period_idx ON reports (period, municipality_code);

-- Every revision ever received, with its canonical content hash (idempotency).
CREATE TABLE report_revisions (
  report_id uuid NOT NULL REFERENCES reports (id),
  revision integer NOT NULL,
  submission jsonb NOT NULL,
  content_hash text NOT NULL,
  received_at timestamptz NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (report_id, revision)
);

-- Photos referenced by any revision of a report (who may read which photo).
CREATE TABLE report_photos (
  report_id uuid NOT NULL REFERENCES reports (id),
  sha256 text NOT NULL REFERENCES photos (sha256),
  PRIMARY KEY (report_id, sha256)
);
CREATE INDEX report_photos_sha_idx ON report_photos (sha256);

-- Protocol sequence per municipality and period.
CREATE TABLE protocol_sequences (
  municipality_code text NOT NULL,
  period text NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (municipality_code, period)
);

CREATE TABLE reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id),
  revision integer NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approve', 'return', 'consolidate')),
  comment text,
  action_numbers jsonb,
  reviewer_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX reviews_report_idx ON reviews (report_id, id);

-- Every state change: who, when, what, on which entity, from which revision/status to which.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  from_revision integer,
  to_revision integer,
  from_status text,
  to_status text,
  detail jsonb
);
CREATE INDEX audit_entity_idx ON audit_log (entity_type, entity_id);
