-- Sign-in rate limits shared by every endpoint process on the database (fixed windows per key).
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
