import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import {
  AccountPatchSchema,
  ImportRequestSchema,
  NewAccountSchema,
  type Account,
  type AccessCode,
  type AccountDetail,
  type CreatedAccount,
  type ImportPreview,
  type ImportResult,
} from '../../src/domain/accounts-api.ts';
import { ROLES, type User } from '../../src/domain/api.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { canManage, managedScope, manageRefusal, normalizePlace, placeProblem } from '../auth/manage-scope.ts';
import { hashToken, newDeviceToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import { CsvError, checkImportRows, readImportCsv, type CheckedRow } from '../import/accounts-csv.ts';
import type { CodeGrant, NewManagedAccount } from '../store/admin.ts';
import type { Queryable } from '../store/driver.ts';
import { parseWithIssues } from './zod-issues.ts';

const MANAGERS = { roles: ['regional', 'central'] as const };
const HOUR_MS = 3600 * 1000;

const ListQuerySchema = z.strictObject({
  municipality: z.string().regex(/^\d{7}$/).optional(),
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(100).optional(),
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
const HistoryQuerySchema = z.strictObject({ before: z.string().regex(/^\d{1,18}$/).optional() });

/** A fresh single-use code: 256 random bits, only its sha256 stored. */
export function newAccessCode(ctx: AppContext): { clear: AccessCode; grant: CodeGrant } {
  const code = newDeviceToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.limits.accessCodeHours * HOUR_MS);
  return { clear: { code, expiresAt: expiresAt.toISOString() }, grant: { codeHash: hashToken(code), expiresAt } };
}

function invalid(issues: { path: string; message: string }[]): ApiError {
  return new ApiError(422, 'invalid_account', issues.map((i) => i.message).join('; '), { issues });
}

function clean(v: string | undefined | null): string | null {
  return v ? v : null;
}

/**
 * Account management for regional units (their agents) and central (everyone): list, create with
 * a single-use access code, edit, disable/enable, new access code, devices, history, bulk import.
 */
export async function adminAccountRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const admin = ctx.store.admin;
  const { now } = ctx;

  /** The account `id`, if the caller manages it (404 unknown, 403 outside the caller's scope). */
  async function managed(req: FastifyRequest<{ Params: { id: string } }>): Promise<{ actor: User; account: Account }> {
    const actor = userOf(req);
    const account = await admin.getAccount(req.params.id, now());
    if (!account) throw new ApiError(404, 'not_found', 'Conta não encontrada.');
    if (!canManage(actor, account)) throw new ApiError(403, 'forbidden', 'Esta conta não está entre as que você gerencia.');
    return { actor, account };
  }

  /** Checks that `actor` may put an account at `next`; throws the precise refusal. */
  function assertPlace(actor: User, next: NewManagedAccount) {
    const problem = placeProblem(next);
    if (problem) throw invalid([problem]);
    const refusal = manageRefusal(actor, next);
    if (refusal) throw new ApiError(403, 'forbidden', refusal);
  }

  api.get('/admin/accounts', { config: MANAGERS }, async (req) => {
    const q = parseWithIssues(ListQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    return admin.listAccounts(managedScope(userOf(req)), { ...q.data, limit: q.data.limit ?? 50 }, now());
  });

  api.post('/admin/accounts', { config: MANAGERS }, async (req, reply) => {
    const actor = userOf(req);
    const parsed = parseWithIssues(NewAccountSchema, req.body);
    if (!parsed.success) throw invalid(parsed.issues);
    const d = parsed.data;
    const next = normalizePlace({ login: d.login, name: d.name, role: d.role, municipalityCode: d.municipalityCode ?? null,
      regional: d.regional ?? null, phone: clean(d.phone), email: clean(d.email) });
    assertPlace(actor, next);
    const code = newAccessCode(ctx);
    const account = await admin.createAccount(actor.id, next, code.grant, now());
    if (account === 'login_taken') throw new ApiError(409, 'login_taken');
    const body: CreatedAccount = { account, accessCode: code.clear };
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });

  api.get<{ Params: { id: string } }>('/admin/accounts/:id', { config: MANAGERS }, async (req, reply) => {
    const { account } = await managed(req);
    const body: AccountDetail = { account, devices: await admin.devices(account.id, now()) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  api.patch<{ Params: { id: string } }>('/admin/accounts/:id', { config: MANAGERS }, async (req) => {
    const { actor, account } = await managed(req);
    const parsed = parseWithIssues(AccountPatchSchema, req.body);
    if (!parsed.success) throw invalid(parsed.issues);
    const p = parsed.data;
    const next = normalizePlace({
      name: p.name ?? account.name,
      role: p.role ?? account.role,
      municipalityCode: p.municipalityCode ?? account.municipalityCode ?? null,
      regional: p.regional ?? account.regional ?? null,
      phone: p.phone === undefined ? account.phone : clean(p.phone),
      email: p.email === undefined ? account.email : clean(p.email),
    });
    const moved = next.role !== account.role || next.municipalityCode !== (account.municipalityCode ?? null) || next.regional !== (account.regional ?? null);
    if (moved && actor.id === account.id) throw new ApiError(403, 'forbidden', 'Você não pode alterar o próprio papel, município ou unidade.');
    assertPlace(actor, next);
    return { account: await admin.updateAccount(actor.id, account, next, now()) };
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    api.post<{ Params: { id: string } }>(`/admin/accounts/:id/${path}`, { config: MANAGERS }, async (req) => {
      const { actor, account } = await managed(req);
      if (actor.id === account.id) throw new ApiError(403, 'forbidden', 'Você não pode desativar a própria conta.');
      if (account.disabled === disabled) return { account };
      return { account: await admin.setDisabled(actor.id, account, disabled, now()) };
    });
  }

  api.post<{ Params: { id: string } }>('/admin/accounts/:id/access-codes', { config: MANAGERS }, async (req, reply) => {
    const { actor, account } = await managed(req);
    if (account.disabled) throw new ApiError(409, 'account_disabled', 'A conta está desativada: reative-a antes de gerar um novo acesso.');
    const code = newAccessCode(ctx);
    await admin.issueAccessCode(actor.id, account.id, code.grant, now());
    return reply.code(201).header('cache-control', 'no-store').send(code.clear);
  });

  api.get<{ Params: { id: string } }>('/admin/accounts/:id/history', { config: MANAGERS }, async (req) => {
    const { account } = await managed(req);
    const q = parseWithIssues(HistoryQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    return admin.history(account.id, q.data.before ? Number(q.data.before) : undefined, 100);
  });

  api.delete<{ Params: { id: string; sessionId: string } }>('/admin/accounts/:id/devices/:sessionId', { config: MANAGERS }, async (req, reply) => {
    const { actor, account } = await managed(req);
    if (!(await admin.revokeDevice(actor.id, account.id, req.params.sessionId, now()))) {
      throw new ApiError(404, 'not_found', 'Aparelho não encontrado (talvez já tenha saído).');
    }
    return reply.code(204).send();
  });

  // ── bulk import ───────────────────────────────────────────────────────────

  const importRoute = { config: MANAGERS, bodyLimit: ctx.limits.importBodyBytes };

  async function readRows(req: FastifyRequest) {
    const parsed = parseWithIssues(ImportRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Envie o conteúdo do arquivo CSV.', { issues: parsed.issues });
    try {
      return readImportCsv(parsed.data.csv);
    } catch (err) {
      if (err instanceof CsvError) throw new ApiError(err.code === 'too_many_rows' ? 413 : 400, err.code, err.message);
      throw err;
    }
  }

  async function check(q: Queryable | undefined, actor: User, rows: ReturnType<typeof readImportCsv>): Promise<CheckedRow[]> {
    const firstPass = checkImportRows(rows, managedScope(actor), []);
    const codes = [...new Set(firstPass.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])))];
    const emails = [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))];
    return checkImportRows(rows, managedScope(actor), await admin.existingForImport(codes, emails, q));
  }

  const strip = ({ ready: _r, ...row }: CheckedRow) => row;

  api.post('/admin/imports/preview', importRoute, async (req) => {
    const checked = await check(undefined, userOf(req), await readRows(req));
    const body: ImportPreview = { rows: checked.map(strip), total: checked.length, ready: checked.filter((r) => r.ready).length };
    return body;
  });

  api.post('/admin/imports/confirm', importRoute, async (req, reply) => {
    const actor = userOf(req);
    const rows = await readRows(req);
    const codes = new Map<number, AccessCode>();
    const { plan, created } = await admin.createImported(actor.id, async (q) => {
      const checked = await check(q, actor, rows);
      const create = checked.filter((r) => r.ready).map((r) => {
        const code = newAccessCode(ctx);
        codes.set(r.line, code.clear);
        return {
          row: { line: r.line, name: r.name, role: 'agent' as const, municipalityCode: r.municipalityCode, regional: null,
            phone: clean(r.phone), email: clean(r.email) },
          code: code.grant,
        };
      });
      return { plan: checked, create };
    }, now());
    const body: ImportResult = {
      created: created.map(({ row, account }) => ({ line: row.line, id: account.id, login: account.login, name: account.name,
        municipalityCode: account.municipalityCode ?? '', accessCode: codes.get(row.line) as AccessCode })),
      skipped: plan.filter((r) => !r.ready).map(strip),
    };
    return reply.code(created.length ? 201 : 200).header('cache-control', 'no-store').send(body);
  });
}
