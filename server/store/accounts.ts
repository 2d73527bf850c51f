// Accounts and device sessions.
import type { Role, User } from '../../src/domain/api.ts';
import type { RegionalName } from '../../src/domain/municipality.ts';
import { audit } from './audit.ts';
import type { Driver } from './driver.ts';
import { USER_COLUMNS, toUser, type UserRow } from './rows.ts';

export interface NewUser {
  login: string;
  name: string;
  role: Role;
  municipalityCode?: string;
  regional?: RegionalName;
  passwordHash: string;
}

export interface UserListing extends User {
  disabled: boolean;
  createdAt: string;
}

export class AccountStore {
  constructor(private readonly db: Driver) {}

  async createUser(u: NewUser, now: Date): Promise<User> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<UserRow>(
        `INSERT INTO users AS u (login, name, role, municipality_code, regional, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${USER_COLUMNS}`,
        [u.login, u.name, u.role, u.municipalityCode ?? null, u.regional ?? null, u.passwordHash, now],
      );
      const user = toUser(rows[0]);
      await audit(tx, { at: now, actorId: null, action: 'user.created', entityType: 'user', entityId: user.id,
        detail: { login: user.login, role: user.role } });
      return user;
    });
  }

  /** The user and password hash for a login attempt (disabled accounts included, flagged). */
  async findLogin(login: string): Promise<{ user: User; passwordHash: string; disabled: boolean } | undefined> {
    const { rows } = await this.db.query<UserRow & { password_hash: string; disabled_at: Date | null }>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.disabled_at FROM users u WHERE u.login = $1`,
      [login],
    );
    const row = rows[0];
    return row && { user: toUser(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null };
  }

  async listUsers(): Promise<UserListing[]> {
    const { rows } = await this.db.query<UserRow & { disabled_at: Date | null; created_at: Date }>(
      `SELECT ${USER_COLUMNS}, u.disabled_at, u.created_at FROM users u ORDER BY u.role, u.login`,
    );
    return rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null, createdAt: r.created_at.toISOString() }));
  }

  /** Disables (revoking every session) or re-enables an account. False when the login is unknown. */
  async setUserDisabled(login: string, disabled: boolean, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        'UPDATE users SET disabled_at = $2 WHERE login = $1 RETURNING id',
        [login, disabled ? now : null],
      );
      if (!rows[0]) return false;
      if (disabled) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [rows[0].id, now]);
      await audit(tx, { at: now, actorId: null, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: rows[0].id });
      return true;
    });
  }

  /** New password; every session of the account is revoked. False when the login is unknown. */
  async setPassword(login: string, passwordHash: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('UPDATE users SET password_hash = $2 WHERE login = $1 RETURNING id', [login, passwordHash]);
      if (!rows[0]) return false;
      await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [rows[0].id, now]);
      await audit(tx, { at: now, actorId: null, action: 'user.password_reset', entityType: 'user', entityId: rows[0].id });
      return true;
    });
  }

  // ── sessions ──────────────────────────────────────────────────────────────

  /** Opens a device session; returns its id (the device id of Plan B packages). */
  async createSession(s: { userId: string; tokenHash: string; deviceName?: string; expiresAt: Date; now: Date }): Promise<string> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO sessions (user_id, token_hash, device_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [s.userId, s.tokenHash, s.deviceName ?? null, s.now, s.expiresAt],
      );
      await audit(tx, { at: s.now, actorId: s.userId, action: 'session.created', entityType: 'session', entityId: rows[0].id,
        detail: s.deviceName ? { deviceName: s.deviceName } : undefined });
      return rows[0].id;
    });
  }

  /** The user behind a live token (not revoked, not expired, account enabled). */
  async sessionByToken(tokenHash: string, now: Date): Promise<{ sessionId: string; user: User } | undefined> {
    const { rows } = await this.db.query<UserRow & { session_id: string }>(
      `SELECT s.id AS session_id, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash, now],
    );
    return rows[0] && { sessionId: rows[0].session_id, user: toUser(rows[0]) };
  }

  async revokeSession(sessionId: string, actorId: string, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, now]);
      if (rowCount > 0) await audit(tx, { at: now, actorId, action: 'session.revoked', entityType: 'session', entityId: sessionId });
    });
  }
}
