-- Account management in the app (#13): contact fields, who made an account, device last-seen,
-- single-use access codes (stored only as their sha256).

ALTER TABLE users ADD COLUMN phone text;
ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN created_by uuid REFERENCES users (id);
CREATE INDEX users_municipality_idx ON users (municipality_code) WHERE municipality_code IS NOT NULL;
CREATE INDEX users_email_idx ON users (lower(email)) WHERE email IS NOT NULL;

ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;

CREATE TABLE access_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  code_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  -- set once, by the one redemption that wins
  used_at timestamptz,
  session_id uuid REFERENCES sessions (id),
  -- a newer code for the same account, or the account disabled
  revoked_at timestamptz
);
CREATE INDEX access_codes_user_idx ON access_codes (user_id);

