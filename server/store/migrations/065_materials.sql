-- Campaign materials (#16): "peças digitais" of a campaign and month, and workshop tutorials
-- (a file, or text steps). Bytes live in the row like photos; the type is the sniffed one.
-- Deleting keeps the row (for the audit trail) and drops the bytes.

CREATE TABLE materials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('piece', 'tutorial')),
  title text NOT NULL,
  month text CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  campaign text,
  workshop text CHECK (workshop IN ('capacitacao', 'reciclagem', 'teatro')),
  steps text,
  file_name text,
  mime_type text CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  byte_size integer NOT NULL DEFAULT 0,
  sha256 text,
  bytes bytea,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CHECK (kind <> 'piece' OR (month IS NOT NULL AND campaign IS NOT NULL AND mime_type IS NOT NULL)),
  CHECK (kind <> 'tutorial' OR workshop IS NOT NULL),
  CHECK (deleted_at IS NOT NULL OR mime_type IS NOT NULL OR steps IS NOT NULL)
);
CREATE INDEX materials_month_idx ON materials (month, created_at) WHERE deleted_at IS NULL;
