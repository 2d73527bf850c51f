import { randomBytes } from 'node:crypto';
import type { Role } from '../src/domain/api.ts';
import type { RegionalName } from '../src/domain/municipality.ts';
import { accessLink } from '../src/domain/access.ts';
import { hashPassword } from './auth/password.ts';
import { hashToken, newDeviceToken } from './auth/tokens.ts';
import type { SqlStore } from './store/sql-store.ts';

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  name: string;
  municipalityCode?: string;
  regional?: RegionalName;
}

const DEMO: Omit<DemoAccount, 'password'>[] = [
  { login: 'demo-agente', name: 'Agente de demonstração (Belo Horizonte)', role: 'agent', municipalityCode: '3106200' },
  { login: 'demo-regional', name: 'URS Belo Horizonte (demonstração)', role: 'regional', regional: 'Belo Horizonte' },
  { login: 'demo-central', name: 'Coordenação central (demonstração)', role: 'central' },
];

/**
 * One account per role with a fresh random password each start (a demo left running somewhere
 * never keeps a guessable password). Existing demo accounts get the new password.
 */
export async function seedDemoAccounts(store: SqlStore, now: Date, log2N: number): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const a of DEMO) {
    const password = randomBytes(9).toString('base64url');
    const passwordHash = await hashPassword(password, log2N);
    if (!(await store.accounts.setPassword(a.login, passwordHash, now))) await store.accounts.createUser({ ...a, passwordHash }, now);
    out.push({ ...a, password });
  }
  return out;
}

export function formatDemoAccounts(url: string, accounts: DemoAccount[]): string {
  const rows = accounts.map((a) => `  ${a.role.padEnd(9)} usuário: ${a.login.padEnd(14)} senha: ${a.password}   (${a.name})`);
  return [`Modo demonstração: contas criadas em ${url}`, ...rows].join('\n');
}

export const DEMO_CENTRAL_LOGIN = 'coordenacao-central';

/**
 * MOBILIZA_DEMO=1: one central account and a fresh one-time link to set up its password in the
 * app (a new link each start; an earlier unused one stops working). Everything else is done in
 * the app: the central creates regional accounts, regionals create or import agents.
 */
export async function seedDemoCentral(store: SqlStore, now: Date, hours: number): Promise<{ login: string; code: string; expiresAt: Date }> {
  const admin = store.admin;
  const code = newDeviceToken();
  const grant = { codeHash: hashToken(code), expiresAt: new Date(now.getTime() + hours * 3600 * 1000) };
  const id = await admin.idOfLogin(DEMO_CENTRAL_LOGIN);
  if (id) await admin.issueAccessCode(null, id, grant, now);
  else {
    await admin.createAccount(null, { login: DEMO_CENTRAL_LOGIN, name: 'Coordenação central (demonstração)', role: 'central',
      municipalityCode: null, regional: null, phone: null, email: null }, grant, now);
  }
  return { login: DEMO_CENTRAL_LOGIN, code, expiresAt: grant.expiresAt };
}

export function formatDemoCentral(url: string, d: { login: string; code: string; expiresAt: Date }): string {
  return [
    'Modo demonstração: conta central criada.',
    `  Abra este link (uso único, vale até ${d.expiresAt.toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' })}), escolha uma senha e`,
    '  cadastre as unidades regionais e os agentes em "Equipe":',
    `  ${accessLink(url, d.code)}`,
    `  Depois, entre com o usuário ${d.login} e a senha escolhida.`,
  ].join('\n');
}
