// Plan B (#17): the per-device secret issued at sign-in. The phone keeps it in IndexedDB and signs
// report packages with it; the endpoint keeps it sealed with AES-256-GCM under one key of its own
// (DEVICE_SECRET_KEY, else generated once and kept in server_settings), bound to the session id.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { User } from '../../src/domain/api.ts';
import type { Queryable } from '../store/driver.ts';
import { USER_COLUMNS, toUser, type UserRow } from '../store/rows.ts';

export interface DeviceOfPackage {
  user: User;
  secret: Uint8Array;
  /** revoked, expired, or its account disabled */
  revoked: boolean;
}

function parseKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('DEVICE_SECRET_KEY must be 32 bytes, base64');
  return key;
}

export class DeviceSecrets {
  private key?: Promise<Buffer>;

  constructor(private readonly db: Queryable, private readonly envKey?: string) {}

  /** The sealing key: from the environment, or generated at first use and shared by every process. */
  private sealingKey(): Promise<Buffer> {
    return (this.key ??= (async () => {
      if (this.envKey) return parseKey(this.envKey);
      await this.db.query(
        `INSERT INTO server_settings (key, value, updated_at) VALUES ('device_secret_key', $1, now()) ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify({ key: randomBytes(32).toString('base64') })],
      );
      const { rows } = await this.db.query<{ value: { key: string } }>(`SELECT value FROM server_settings WHERE key = 'device_secret_key'`);
      return parseKey(rows[0].value.key);
    })().catch((err) => {
      this.key = undefined;
      throw err;
    }));
  }

  /** A fresh secret for a new session, stored sealed; returned once (base64url) for the phone. */
  async issue(sessionId: string): Promise<string> {
    const secret = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.sealingKey(), iv);
    cipher.setAAD(Buffer.from(sessionId));
    const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
    await this.db.query('UPDATE sessions SET device_secret = $2 WHERE id = $1', [sessionId, Buffer.concat([iv, cipher.getAuthTag(), sealed])]);
    return secret.toString('base64url');
  }

  /** The device (session) that made a package, or undefined when unknown or issued no secret. */
  async device(sessionId: string, now: Date): Promise<DeviceOfPackage | undefined> {
    const { rows } = await this.db.query<UserRow & { device_secret: Uint8Array | null; revoked: boolean }>(
      `SELECT ${USER_COLUMNS}, s.device_secret,
         (s.revoked_at IS NOT NULL OR s.expires_at <= $2 OR u.disabled_at IS NOT NULL) AS revoked
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId, now],
    );
    const row = rows[0];
    if (!row?.device_secret) return undefined;
    const box = Buffer.from(row.device_secret);
    const decipher = createDecipheriv('aes-256-gcm', await this.sealingKey(), box.subarray(0, 12));
    decipher.setAAD(Buffer.from(sessionId));
    decipher.setAuthTag(box.subarray(12, 28));
    try {
      const secret = Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]);
      return { user: toUser(row), secret: new Uint8Array(secret), revoked: row.revoked };
    } catch {
      // sealed under another key (DEVICE_SECRET_KEY changed): that phone signs in again
      return undefined;
    }
  }
}
