// Account management (#13): accounts with contact fields, devices, single-use access codes, the
// history of an account, núcleo state per municipality. Every change is audited with before/after.
import type { Device } from '../../src/domain/access.ts';
import type { Account, HistoryEntry } from '../../src/domain/accounts-api.ts';
import type { Role, User } from '../../src/domain/api.ts';
import { foldForSearch } from '../../src/domain/text.ts';
import { scopeSql, type Scope } from '../auth/scope.ts';
import { audit } from './audit.ts';
import type { Driver, Queryable } from './driver.ts';

/** A password hash no password matches: the account signs in by access code until it sets one. */
export const NO_PASSWORD = '!no-password';

interface AccountRow {
  id: string;
  login: string;
  name: string;
  role: Role;
  municipality_code: string | null;
  regional: string | null;
  phone: string | null;
  email: string | null;
  disabled_at: Date | null;
  created_at: Date;
  last_seen_at: Date | null;
  pending_code_expires_at: Date | null;
}

const ACCOUNT_SELECT = `SELECT u.id, u.login, u.name, u.role, u.municipality_code, u.regional, u.phone, u.email,
    u.disabled_at, u.created_at,
    (SELECT max(coalesce(s.last_seen_at, s.created_at)) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at,
    (SELECT max(c.expires_at) FROM access_codes c WHERE c.user_id = u.id AND c.used_at IS NULL AND c.revoked_at IS NULL
       AND c.expires_at > $1) AS pending_code_expires_at
  FROM users u`;

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    ...(r.municipality_code ? { municipalityCode: r.municipality_code } : {}),
    ...(r.regional ? { regional: r.regional } : {}),
    phone: r.phone,
    email: r.email,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    pendingCodeExpiresAt: r.pending_code_expires_at?.toISOString() ?? null,
  };
}

export function userOfAccount(a: Account): User {
  return { id: a.id, login: a.login, name: a.name, role: a.role,
    ...(a.municipalityCode ? { municipalityCode: a.municipalityCode } : {}), ...(a.regional ? { regional: a.regional } : {}) };
}

/** What the audit keeps of an account: everything a manager can change. */
function snapshot(a: Account) {
  return { name: a.name, role: a.role, municipalityCode: a.municipalityCode ?? null, regional: a.regional ?? null,
    phone: a.phone, email: a.email, disabled: a.disabled };
}

/** SQL condition "u is managed by this scope". Central: everyone; regional: its agents. */
function managedSql(scope: Scope, params: unknown[]): string {
  return scope.all ? 'true' : `(u.role = 'agent' AND ${scopeSql(scope, 'u.municipality_code', params)})`;
}

/** "ana.souza" from "Ana Maria de Souza": first and last word, folded; "conta" when nothing is left. */
export function loginBase(name: string): string {
  const words = foldForSearch(name).split(' ').filter(Boolean);
  const base = (words.length > 1 ? `${words[0]}.${words[words.length - 1]}` : (words[0] ?? 'conta')).slice(0, 40);
  return base.length >= 2 ? base : `${base}0`;
}

export interface NewManagedAccount {
  login?: string;
  name: string;
  role: Role;
  municipalityCode: string | null;
  regional: string | null;
  phone: string | null;
  email: string | null;
}

export interface CodeGrant {
  codeHash: string;
  expiresAt: Date;
}

export type RedeemOutcome =
  | { outcome: 'ok'; user: User; /** the new device session (redeem only) */ sessionId?: string }
  | { outcome: 'access_code_invalid' | 'access_code_used' | 'access_code_expired' | 'account_disabled' };

/** Serializes account creation (login choice, import idempotency) across endpoint processes. */
const ACCOUNTS_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('mobiliza:accounts', 0))`;

export class AdminStore {
  constructor(private readonly db: Driver) {}

  async idOfLogin(login: string): Promise<string | undefined> {
    return (await this.db.query<{ id: string }>('SELECT id FROM users WHERE login = $1', [login])).rows[0]?.id;
  }

  async getAccount(id: string, now: Date, q: Queryable = this.db): Promise<Account | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await q.query<AccountRow>(`${ACCOUNT_SELECT} WHERE u.id = $2`, [now, id]);
    return rows[0] && toAccount(rows[0]);
  }

  /** Accounts `scope` manages, by login, `limit` at a time after the login `after`. */
  async listAccounts(scope: Scope, f: { municipality?: string; role?: Role; q?: string; after?: string; limit: number }, now: Date) {
    const params: unknown[] = [now];
    const where = [managedSql(scope, params)];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.municipality) add('u.municipality_code = ?', f.municipality);
    if (f.role) add('u.role = ?', f.role);
    if (f.q) add(`(u.login ILIKE ? OR u.name ILIKE ?)`, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
    if (f.after) add('u.login > ?', f.after);
    params.push(f.limit + 1);
    const { rows } = await this.db.query<AccountRow>(
      `${ACCOUNT_SELECT} WHERE ${where.join(' AND ')} ORDER BY u.login LIMIT $${params.length}`,
      params,
    );
    const accounts = rows.slice(0, f.limit).map(toAccount);
    return { accounts, next: rows.length > f.limit ? accounts[accounts.length - 1].login : null };
  }

  /** A free login: `base`, else base2, base3… (within `taken` too, for imports). */
  private async freeLogin(q: Queryable, base: string, taken: Set<string>): Promise<string> {
    const { rows } = await q.query<{ login: string }>(`SELECT login FROM users WHERE login LIKE $1 ESCAPE '\\'`, [`${base.replace(/[\\%_]/g, '\\$&')}%`]);
    const used = new Set([...rows.map((r) => r.login), ...taken]);
    if (!used.has(base)) return base;
    for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
  }

  private async insertAccount(tx: Queryable, actorId: string | null, a: NewManagedAccount, code: CodeGrant, now: Date, taken: Set<string>, via: string) {
    const login = a.login ?? (await this.freeLogin(tx, loginBase(a.name), taken));
    taken.add(login);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO users (login, name, role, municipality_code, regional, phone, email, password_hash, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [login, a.name, a.role, a.municipalityCode, a.regional, a.phone, a.email, NO_PASSWORD, now, actorId],
    );
    const id = rows[0].id;
    await tx.query('INSERT INTO access_codes (user_id, code_hash, created_at, expires_at, created_by) VALUES ($1, $2, $3, $4, $5)',
      [id, code.codeHash, now, code.expiresAt, actorId]);
    const account = (await this.getAccount(id, now, tx)) as Account;
    await audit(tx, { at: now, actorId, action: 'user.created', entityType: 'user', entityId: id,
      detail: { via, login, after: snapshot(account) } });
    await audit(tx, { at: now, actorId, action: 'user.access_code_issued', entityType: 'user', entityId: id,
      detail: { expiresAt: code.expiresAt.toISOString() } });
    return account;
  }

  /** Creates an account with its first access code. 'login_taken' when a chosen login exists. */
  async createAccount(actorId: string | null, a: NewManagedAccount, code: CodeGrant, now: Date): Promise<Account | 'login_taken'> {
    return this.db.transaction(async (tx) => {
      await tx.query(ACCOUNTS_LOCK);
      if (a.login && (await tx.query('SELECT 1 FROM users WHERE login = $1', [a.login])).rowCount > 0) return 'login_taken';
      return this.insertAccount(tx, actorId, a, code, now, new Set(), 'form');
    });
  }

  /**
   * Creates the accounts of a confirmed import in one transaction, under the accounts lock:
   * `plan` reads what exists now (inside the lock) and returns the rows still to create, so a
   * repeated or concurrent confirm of the same file creates nothing twice.
   */
  async createImported<T extends NewManagedAccount, P>(
    actorId: string,
    plan: (q: Queryable) => Promise<{ plan: P; create: { row: T; code: CodeGrant }[] }>,
    now: Date,
  ): Promise<{ plan: P; created: { row: T; account: Account }[] }> {
    return this.db.transaction(async (tx) => {
      await tx.query(ACCOUNTS_LOCK);
      const p = await plan(tx);
      const taken = new Set<string>();
      const created: { row: T; account: Account }[] = [];
      for (const r of p.create) created.push({ row: r.row, account: await this.insertAccount(tx, actorId, r.row, r.code, now, taken, 'import') });
      return { plan: p.plan, created };
    });
  }

  /** Agents (any state) of these municipalities and accounts with these e-mails: import duplicates. */
  async existingForImport(codes: string[], emails: string[], q: Queryable = this.db) {
    const { rows } = await q.query<{ municipality_code: string | null; name: string; email: string | null }>(
      `SELECT municipality_code, name, email FROM users
       WHERE (role = 'agent' AND municipality_code = ANY($1::text[])) OR lower(email) = ANY($2::text[])`,
      [codes, emails.map((e) => e.toLowerCase())],
    );
    return rows;
  }

  /** Applies a validated edit. The caller has checked the scope of `before` and of the result. */
  async updateAccount(actorId: string, before: Account, next: NewManagedAccount, now: Date): Promise<Account> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE users SET name = $2, role = $3, municipality_code = $4, regional = $5, phone = $6, email = $7 WHERE id = $1`,
        [before.id, next.name, next.role, next.municipalityCode, next.regional, next.phone, next.email],
      );
      const after = (await this.getAccount(before.id, now, tx)) as Account;
      // A new role or place is a new set of permissions: that account's devices sign in again.
      const moved = before.role !== after.role || before.municipalityCode !== after.municipalityCode || before.regional !== after.regional;
      if (moved) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [before.id, now]);
      await audit(tx, { at: now, actorId, action: 'user.updated', entityType: 'user', entityId: before.id,
        detail: { before: snapshot(before), after: snapshot(after), ...(moved ? { devicesRevoked: true } : {}) } });
      return after;
    });
  }

  /** Disabling revokes every device and pending code; nothing on any phone is deleted. */
  async setDisabled(actorId: string, before: Account, disabled: boolean, now: Date): Promise<Account> {
    return this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [before.id, disabled ? now : null]);
      let devicesRevoked = 0;
      if (disabled) {
        devicesRevoked = (await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [before.id, now])).rowCount;
        await tx.query('UPDATE access_codes SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL', [before.id, now]);
      }
      const after = (await this.getAccount(before.id, now, tx)) as Account;
      await audit(tx, { at: now, actorId, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: before.id,
        detail: { before: { disabled: before.disabled }, after: { disabled: after.disabled }, ...(disabled ? { devicesRevoked } : {}) } });
      return after;
    });
  }

  /** A new single-use code; earlier unused codes of the account stop working. */
  async issueAccessCode(actorId: string | null, userId: string, code: CodeGrant, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE access_codes SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL', [userId, now]);
      await tx.query('INSERT INTO access_codes (user_id, code_hash, created_at, expires_at, created_by) VALUES ($1, $2, $3, $4, $5)',
        [userId, code.codeHash, now, code.expiresAt, actorId]);
      await audit(tx, { at: now, actorId, action: 'user.access_code_issued', entityType: 'user', entityId: userId,
        detail: { expiresAt: code.expiresAt.toISOString() } });
    });
  }

  /** Why a code cannot be used now, or the account it opens. */
  async checkCode(codeHash: string, now: Date, q: Queryable = this.db): Promise<RedeemOutcome & { expiresAt?: Date }> {
    const { rows } = await q.query<{ used_at: Date | null; revoked_at: Date | null; expires_at: Date; disabled_at: Date | null } & AccountRow>(
      `SELECT c.used_at, c.revoked_at, c.expires_at, u.id, u.login, u.name, u.role, u.municipality_code, u.regional, u.disabled_at
       FROM access_codes c JOIN users u ON u.id = c.user_id WHERE c.code_hash = $1`,
      [codeHash],
    );
    const r = rows[0];
    if (!r) return { outcome: 'access_code_invalid' };
    if (r.used_at) return { outcome: 'access_code_used' };
    // A code replaced by a newer one, or revoked with its account, is as good as expired.
    if (r.disabled_at) return { outcome: 'account_disabled' };
    if (r.revoked_at || r.expires_at <= now) return { outcome: 'access_code_expired' };
    const user: User = { id: r.id, login: r.login, name: r.name, role: r.role,
      ...(r.municipality_code ? { municipalityCode: r.municipality_code } : {}), ...(r.regional ? { regional: r.regional } : {}) };
    return { outcome: 'ok', user, expiresAt: r.expires_at };
  }

  /**
   * Redeems a code once: marks it used (the row update is the single winner under concurrency),
   * sets the chosen password and opens the device session, all in one transaction.
   */
  async redeem(r: { codeHash: string; passwordHash: string; tokenHash: string; deviceName?: string; sessionExpiresAt: Date; now: Date }): Promise<RedeemOutcome> {
    return this.db.transaction(async (tx): Promise<RedeemOutcome> => {
      const won = await tx.query<{ id: string; user_id: string }>(
        `UPDATE access_codes c SET used_at = $2 FROM users u
         WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.revoked_at IS NULL AND c.expires_at > $2
           AND u.id = c.user_id AND u.disabled_at IS NULL
         RETURNING c.id, c.user_id`,
        [r.codeHash, r.now],
      );
      const row = won.rows[0];
      if (!row) {
        const why = await this.checkCode(r.codeHash, r.now, tx);
        return { outcome: why.outcome === 'ok' ? 'access_code_used' : why.outcome };
      }
      await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [row.user_id, r.passwordHash]);
      const s = await tx.query<{ id: string }>(
        'INSERT INTO sessions (user_id, token_hash, device_name, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $4) RETURNING id',
        [row.user_id, r.tokenHash, r.deviceName || null, r.now, r.sessionExpiresAt],
      );
      await tx.query('UPDATE access_codes SET session_id = $2 WHERE id = $1', [row.id, s.rows[0].id]);
      await audit(tx, { at: r.now, actorId: row.user_id, action: 'user.access_code_redeemed', entityType: 'user', entityId: row.user_id,
        detail: { deviceName: r.deviceName || null, sessionId: s.rows[0].id } });
      const check = await tx.query<AccountRow>(`${ACCOUNT_SELECT} WHERE u.id = $2`, [r.now, row.user_id]);
      return { outcome: 'ok', user: userOfAccount(toAccount(check.rows[0])), sessionId: s.rows[0].id };
    });
  }

  /** Live devices (not revoked, not expired), newest sign-in first. */
  async devices(userId: string, now: Date): Promise<Device[]> {
    const { rows } = await this.db.query<{ id: string; device_name: string | null; created_at: Date; last_seen_at: Date | null }>(
      `SELECT id, device_name, created_at, last_seen_at FROM sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id LIMIT 100`,
      [userId, now],
    );
    return rows.map((s) => ({ id: s.id, deviceName: s.device_name, createdAt: s.created_at.toISOString(),
      lastSeenAt: (s.last_seen_at ?? s.created_at).toISOString() }));
  }

  /** Revokes one device of `userId`; false when it is not a live device of that account. */
  async revokeDevice(actorId: string, userId: string, sessionId: string, now: Date): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ device_name: string | null }>(
        'UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING device_name',
        [sessionId, userId, now],
      );
      if (!rows[0]) return false;
      await audit(tx, { at: now, actorId, action: 'user.device_revoked', entityType: 'user', entityId: userId,
        detail: { sessionId, deviceName: rows[0].device_name } });
      return true;
    });
  }

  /** Revokes every device of `userId` except `keepSessionId`. Returns how many. */
  async revokeOtherDevices(userId: string, keepSessionId: string, now: Date, q?: Queryable): Promise<number> {
    const run = async (tx: Queryable) => {
      const { rowCount } = await tx.query('UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL',
        [userId, keepSessionId, now]);
      if (rowCount) await audit(tx, { at: now, actorId: userId, action: 'user.other_devices_revoked', entityType: 'user', entityId: userId, detail: { devicesRevoked: rowCount } });
      return rowCount;
    };
    return q ? run(q) : this.db.transaction(run);
  }

  async passwordHashOf(userId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId]);
    return rows[0]?.password_hash;
  }

  async changeOwnPassword(userId: string, passwordHash: string, signOutOthers: string | undefined, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
      await audit(tx, { at: now, actorId: userId, action: 'user.password_changed', entityType: 'user', entityId: userId });
      return signOutOthers ? this.revokeOtherDevices(userId, signOutOthers, now, tx) : 0;
    });
  }

  /** The account's history, newest first: its audit rows and those of its sessions (sign-ins). */
  async history(userId: string, before: number | undefined, limit: number): Promise<{ entries: HistoryEntry[]; next: string | null }> {
    const { rows } = await this.db.query<{ id: number; at: Date; action: string; detail: Record<string, unknown> | null; login: string | null; name: string | null }>(
      `SELECT a.id, a.at, a.action, a.detail, u.login, u.name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE ((a.entity_type = 'user' AND a.entity_id = $1)
          OR (a.entity_type = 'session' AND a.entity_id IN (SELECT id::text FROM sessions WHERE user_id = $1::uuid)))
         AND ($2::bigint IS NULL OR a.id < $2)
       ORDER BY a.id DESC LIMIT $3`,
      [userId, before ?? null, limit + 1],
    );
    const entries = rows.slice(0, limit).map((r) => ({ at: r.at.toISOString(), action: r.action,
      actor: r.login ? { login: r.login, name: r.name ?? '' } : null, detail: r.detail }));
    return { entries, next: rows.length > limit ? String(rows[limit - 1].id) : null };
  }

  /** Last seen, written at most every few minutes per device (the caller throttles). */
  async touchSession(sessionId: string, now: Date, staleBefore: Date): Promise<void> {
    await this.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $3)',
      [sessionId, now, staleBefore]);
  }

  /** Per municipality: enabled agents, those active since `activeSince`, and the latest report month. */
  async nucleoFigures(codes: string[] | 'all', activeSince: Date) {
    const all = codes === 'all';
    const agents = await this.db.query<{ municipality_code: string; agents: number; active: number }>(
      `SELECT u.municipality_code, count(*)::int AS agents,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id
           AND coalesce(s.last_seen_at, s.created_at) >= $1))::int AS active
       FROM users u WHERE u.role = 'agent' AND u.disabled_at IS NULL AND ($2 OR u.municipality_code = ANY($3::text[]))
       GROUP BY u.municipality_code`,
      [activeSince, all, all ? [] : codes],
    );
    const reports = await this.db.query<{ municipality_code: string; last_period: string }>(
      `SELECT municipality_code, max(period) AS last_period FROM reports
       WHERE ($1 OR municipality_code = ANY($2::text[])) GROUP BY municipality_code`,
      [all, all ? [] : codes],
    );
    return {
      agents: new Map(agents.rows.map((r) => [r.municipality_code, { agents: r.agents, active: r.active }])),
      lastPeriod: new Map(reports.rows.map((r) => [r.municipality_code, r.last_period])),
    };
  }

  /** Municipalities with a report (any status) for `period`. */
  async reportedIn(period: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ municipality_code: string }>('SELECT DISTINCT municipality_code FROM reports WHERE period = $1', [period]);
    return new Set(rows.map((r) => r.municipality_code));
  }
}
