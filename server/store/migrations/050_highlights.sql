-- Highlights ("destaques"): an action of a received report chosen for the public pages, with its
-- public title and text, written by the central level (a regional unit may suggest one), and the
-- chosen photos re-encoded without metadata. Unpublishing deletes the public photo bytes.

CREATE TABLE highlights (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id),
  action_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('suggested', 'published', 'unpublished')),
  title text NOT NULL,
  body text NOT NULL,
  municipality_code text NOT NULL,
  period text NOT NULL,
  action_date text NOT NULL,
  action_type text NOT NULL,
  themes jsonb NOT NULL,
  -- sha256 of the report photos chosen (in order)
  photo_sha256 jsonb NOT NULL,
  image_consent boolean NOT NULL,
  suggested_by uuid REFERENCES users (id),
  published_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  UNIQUE (report_id, action_id),
  -- no photo is public without the image-use consent
  CHECK (status <> 'published' OR image_consent OR photo_sha256 = '[]'::jsonb)
);
CREATE INDEX highlights_published_idx ON highlights (period, published_at) WHERE status = 'published';
CREATE INDEX highlights_municipality_idx ON highlights (municipality_code, period);

-- Public copies of a published highlight's photos; the public id is random (unguessable URLs).
CREATE TABLE highlight_photos (
  public_id text PRIMARY KEY CHECK (public_id ~ '^[0-9a-f]{32}$'),
  highlight_id uuid NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
  position integer NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  thumb bytea NOT NULL,
  full_size bytea NOT NULL,
  UNIQUE (highlight_id, position)
);
