import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../src/domain/api.ts';
import { findMunicipality, isRegional, REGIONALS } from '../../src/domain/municipality.ts';
import { hashPassword } from '../auth/password.ts';
import { DEFAULT_LIMITS } from '../config.ts';
import { normalizeLogin } from '../routes/auth.ts';
import { DataDirLockedError } from '../store/data-dir-lock.ts';
import { describeLocation, openStore, type StoreLocation } from '../store/open-store.ts';
import type { SqlStore } from '../store/sql-store.ts';

// Account administration against the same storage as the server (DATABASE_URL, or PGlite in DATA_DIR).
// With PGlite the server must be stopped first: only one process may open the data directory.

const USAGE = `Uso: npm run users -- <comando> [opções]

  add --login ana --name "Ana Souza" --role agent --municipality 3106200 [--password-stdin]
  add --login urs-bh --name "URS BH" --role regional --regional "Belo Horizonte" [--password-stdin]
  add --login coord --name "Coordenação" --role central [--password-stdin]
  list
  disable --login ana        (encerra todas as sessões da conta)
  enable --login ana
  reset-password --login ana [--password-stdin]   (encerra todas as sessões da conta)

Sem --password-stdin, uma senha aleatória é gerada e mostrada uma vez.
Armazenamento: DATABASE_URL (PostgreSQL) ou PGlite em DATA_DIR (padrão ./data; pare o servidor antes).`;

class UsageError extends Error {}

async function readPassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (password.length < 8) throw new UsageError('A senha deve ter pelo menos 8 caracteres.');
  if (password.length > 200) throw new UsageError('A senha deve ter no máximo 200 caracteres.');
  return { password, generated: false };
}

function need(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new UsageError(`Informe --${flag}.`);
  return value.trim();
}

type Values = Record<string, string | boolean | undefined>;

async function add(store: SqlStore, v: Values, out: (s: string) => void): Promise<void> {
  const login = normalizeLogin(need(v.login as string, 'login'));
  if (!/^[a-z0-9._@-]{2,100}$/.test(login)) throw new UsageError('Login inválido: use letras minúsculas, números, ".", "_", "-" ou "@" (2 a 100).');
  const name = need(v.name as string, 'name');
  const role = need(v.role as string, 'role') as Role;
  if (!ROLES.includes(role)) throw new UsageError(`Papel inválido: use ${ROLES.join(', ')}.`);
  let municipalityCode: string | undefined;
  let regional: (typeof REGIONALS)[number] | undefined;
  if (role === 'agent') {
    municipalityCode = need(v.municipality as string, 'municipality');
    if (!findMunicipality(municipalityCode)) throw new UsageError(`Município ${municipalityCode} não existe em Minas Gerais (use o código IBGE de 7 dígitos).`);
  } else if (v.municipality) throw new UsageError('--municipality só vale para --role agent.');
  if (role === 'regional') {
    const r = need(v.regional as string, 'regional');
    if (!isRegional(r)) throw new UsageError(`Unidade regional desconhecida: ${r}. Opções: ${REGIONALS.join(', ')}.`);
    regional = r;
  } else if (v.regional) throw new UsageError('--regional só vale para --role regional.');
  if ((await store.accounts.findLogin(login)) !== undefined) throw new UsageError(`Já existe uma conta com o login ${login}.`);
  const { password, generated } = await readPassword(v['password-stdin'] as boolean | undefined);
  const user = await store.accounts.createUser(
    { login, name, role, municipalityCode, regional, passwordHash: await hashPassword(password, DEFAULT_LIMITS.scryptLog2N) },
    new Date(),
  );
  out(`Conta criada: ${user.login} (${user.role}${municipalityCode ? ` ${municipalityCode} ${findMunicipality(municipalityCode)?.name}` : ''}${regional ? ` ${regional}` : ''})`);
  if (generated) out(`Senha gerada (mostrada só agora): ${password}`);
}

async function list(store: SqlStore, out: (s: string) => void): Promise<void> {
  const users = await store.accounts.listUsers();
  if (!users.length) return out('Nenhuma conta.');
  for (const u of users) {
    const scope = u.municipalityCode ? `${u.municipalityCode} ${findMunicipality(u.municipalityCode)?.name ?? ''}` : (u.regional ?? 'todo o estado');
    out(`${u.login.padEnd(20)} ${u.role.padEnd(9)} ${scope.padEnd(32)} ${u.disabled ? 'DESATIVADA' : 'ativa'}  ${u.name}`);
  }
}

/** Runs one CLI command; returns the exit code. */
export async function runUsersCli(argv: string[], location: StoreLocation, out = console.log, err = console.error): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
        municipality: { type: 'string' }, regional: { type: 'string' },
        'password-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  const v = parsed.values as Values;
  if (!command || v.help || !['add', 'list', 'disable', 'enable', 'reset-password'].includes(command)) {
    (command && !v.help ? err : out)(USAGE);
    return command && !v.help ? 2 : 0;
  }
  let store: SqlStore | undefined;
  try {
    store = await openStore(location);
    const now = new Date();
    switch (command) {
      case 'add':
        await add(store, v, out);
        break;
      case 'list':
        await list(store, out);
        break;
      case 'disable':
      case 'enable': {
        const login = normalizeLogin(need(v.login as string, 'login'));
        if (!(await store.accounts.setUserDisabled(login, command === 'disable', now))) throw new UsageError(`Conta ${login} não encontrada.`);
        out(command === 'disable' ? `Conta ${login} desativada; sessões encerradas.` : `Conta ${login} reativada.`);
        break;
      }
      case 'reset-password': {
        const login = normalizeLogin(need(v.login as string, 'login'));
        if ((await store.accounts.findLogin(login)) === undefined) throw new UsageError(`Conta ${login} não encontrada.`);
        const { password, generated } = await readPassword(v['password-stdin'] as boolean | undefined);
        await store.accounts.setPassword(login, await hashPassword(password, DEFAULT_LIMITS.scryptLog2N), now);
        out(`Senha de ${login} alterada; sessões encerradas.`);
        if (generated) out(`Senha gerada (mostrada só agora): ${password}`);
        break;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof DataDirLockedError) {
      err(e.message);
      return e instanceof UsageError ? 2 : 3;
    }
    err(`Erro (${describeLocation(location)}): ${(e as Error).message}`);
    return 1;
  } finally {
    await store?.close();
  }
}
