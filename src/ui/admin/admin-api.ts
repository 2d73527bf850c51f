// The administrators' network calls (#13): accounts, access codes, devices, history, bulk import,
// núcleos and coverage. Answers are parsed with the contract's schemas; failures become
// RemoteError with the server's pt-BR message.
import {
  AccessCodeSchema,
  AccountDetailSchema,
  AccountListSchema,
  AccountSchema,
  CoverageSchema,
  CreatedAccountSchema,
  HistorySchema,
  ImportPreviewSchema,
  ImportResultSchema,
  NucleoListSchema,
  type AccessCode,
  type Account,
  type AccountDetail,
  type AccountList,
  type AccountPatch,
  type Coverage,
  type CreatedAccount,
  type HistoryEntry,
  type ImportPreview,
  type ImportResult,
  type NewAccount,
  type NucleoList,
} from '../../domain/accounts-api';
import { createHttpClient, type Fetch } from '../../sync/http';
import { RemoteError, toRemoteError } from '../review/review-api';

export interface AccountQuery {
  municipality?: string;
  role?: string;
  q?: string;
  after?: string;
}

export interface AdminApi {
  nucleos(): Promise<NucleoList>;
  accounts(q: AccountQuery): Promise<AccountList>;
  account(id: string): Promise<AccountDetail>;
  create(body: NewAccount): Promise<CreatedAccount>;
  update(id: string, patch: AccountPatch): Promise<Account>;
  setDisabled(id: string, disabled: boolean): Promise<Account>;
  newAccessCode(id: string): Promise<AccessCode>;
  history(id: string): Promise<HistoryEntry[]>;
  revokeDevice(id: string, sessionId: string): Promise<void>;
  importPreview(csv: string): Promise<ImportPreview>;
  importConfirm(csv: string): Promise<ImportResult>;
  coverage(): Promise<Coverage>;
  nucleosCsv(): Promise<Blob>;
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

export function createAdminApi(opts: { fetch: Fetch; baseUrl: string; token: string; onExpired(): void }): AdminApi {
  const http = createHttpClient({ fetch: opts.fetch, baseUrl: opts.baseUrl, token: opts.token });
  const call = async <T>(schema: Schema<T> | null, method: string, path: string, body?: unknown): Promise<T> => {
    try {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const res = await http.request(method, path, text === undefined ? {} : { body: text, contentType: 'application/json', bytes: text.length });
      if (!schema) return undefined as T;
      const r = schema.safeParse(await res.json().catch(() => undefined));
      if (!r.success) throw new RemoteError('server');
      return r.data;
    } catch (error) {
      throw toRemoteError(error, opts.onExpired);
    }
  };
  const id = encodeURIComponent;
  return {
    nucleos: () => call(NucleoListSchema, 'GET', '/admin/nucleos'),
    accounts: (q) => {
      const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
      return call(AccountListSchema, 'GET', `/admin/accounts?${params}`);
    },
    account: (a) => call(AccountDetailSchema, 'GET', `/admin/accounts/${id(a)}`),
    create: (body) => call(CreatedAccountSchema, 'POST', '/admin/accounts', body),
    update: async (a, patch) => (await call(AccountResponse, 'PATCH', `/admin/accounts/${id(a)}`, patch)).account,
    setDisabled: async (a, disabled) =>
      (await call(AccountResponse, 'POST', `/admin/accounts/${id(a)}/${disabled ? 'disable' : 'enable'}`)).account,
    newAccessCode: (a) => call(AccessCodeSchema, 'POST', `/admin/accounts/${id(a)}/access-codes`),
    history: async (a) => (await call(HistorySchema, 'GET', `/admin/accounts/${id(a)}/history`)).entries,
    revokeDevice: (a, s) => call(null, 'DELETE', `/admin/accounts/${id(a)}/devices/${id(s)}`),
    importPreview: (csv) => call(ImportPreviewSchema, 'POST', '/admin/imports/preview', { csv }),
    importConfirm: (csv) => call(ImportResultSchema, 'POST', '/admin/imports/confirm', { csv }),
    coverage: () => call(CoverageSchema, 'GET', '/admin/coverage'),
    nucleosCsv: async () => {
      try {
        return await (await http.request('GET', '/exports/nucleos.csv')).blob();
      } catch (error) {
        throw toRemoteError(error, opts.onExpired);
      }
    },
  };
}

/** `{"account": Account}` answers (edit, disable, enable). */
const AccountResponse: Schema<{ account: Account }> = {
  safeParse(v) {
    const r = AccountSchema.safeParse((v as { account?: unknown } | undefined)?.account);
    return r.success ? { success: true, data: { account: r.data } } : { success: false };
  },
};
