-- Plan B (#17): each device session gets a secret at sign-in; the phone signs the manifest of a
-- report package with it (HMAC-SHA-256) and the endpoint verifies the tag when a regional account
-- imports the package. Stored sealed (AES-256-GCM under the endpoint's device-secret key, the
-- session id as associated data: iv ‖ tag ‖ ciphertext), never in clear. NULL for sessions opened
-- before this migration (those phones sign in again to use Plan B).
ALTER TABLE sessions ADD COLUMN device_secret bytea;
