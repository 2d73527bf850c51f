-- Due dates (set by the central level), Web Push subscriptions and the notification outbox (#14).

-- Small named settings of the endpoint: 'deadlines' (DeadlineSettingsSchema), 'vapid' (keys).
CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id)
);

-- One push subscription per device session: signing out, revoking the session or a 404/410 from
-- the push service removes it.
CREATE TABLE push_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id uuid NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- Per-account choices ("resumo diário" for regional units).
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  regional_digest boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);

-- Every notification decided, once: `key` is kind:subject:period[:review], so a restart or a
-- second endpoint process cannot decide it twice. It goes to the agents of a municipality, one
-- account or one subscription (audience + subject).
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL UNIQUE,
  kind text NOT NULL,
  audience text NOT NULL CHECK (audience IN ('municipality', 'account', 'subscription')),
  subject text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

-- One row per notification and subscription it goes to. claimed_until is the sender's lease: a
-- process that dies mid-send leaves the row to be sent again once the lease ends.
CREATE TABLE push_deliveries (
  notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  subscription_id bigint NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  sent_at timestamptz,
  last_error text,
  PRIMARY KEY (notification_id, subscription_id)
);
CREATE INDEX push_deliveries_due_idx ON push_deliveries (next_attempt_at) WHERE sent_at IS NULL;

-- The scheduler looks up recent decisions by time.
CREATE INDEX reviews_created_idx ON reviews (created_at);
