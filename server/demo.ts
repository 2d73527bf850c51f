import { randomBytes } from 'node:crypto';
import type { Role } from '../src/domain/api.ts';
import type { RegionalName } from '../src/domain/municipality.ts';
import { hashPassword } from './auth/password.ts';
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
