// Who manages whom (#13). Central manages central and regional accounts and any agent; a regional
// account manages the agent accounts of its unit's municipalities only. Nobody grants a role or a
// scope above their own, and nobody changes their own role, scope or enabled state.
import type { Role, User } from '../../src/domain/api.ts';
import { findMunicipality, isRegional } from '../../src/domain/municipality.ts';
import { regionalScope, STATE_SCOPE, type Scope } from './scope.ts';

/** What decides whether an account may be managed: its role and where it works. */
export interface AccountPlace {
  id?: string;
  role: Role;
  municipalityCode?: string | null;
  regional?: string | null;
}

/** The municipalities whose agents `actor` manages: every one (central), its unit's, or none. */
export function managedScope(actor: User): Scope {
  if (actor.role === 'central') return STATE_SCOPE;
  if (actor.role === 'regional') return regionalScope(actor.regional ?? '');
  return { all: false, codes: [] };
}

/** True when `actor` may see and change an account at `target` (as it is, or as it would become). */
export function canManage(actor: User, target: AccountPlace): boolean {
  if (actor.role === 'central') return true;
  if (actor.role !== 'regional' || target.role !== 'agent' || !target.municipalityCode) return false;
  return findMunicipality(target.municipalityCode)?.regional === actor.regional;
}

/**
 * Why `actor` may not put an account at `target`, in Portuguese, or undefined when allowed. Used
 * for creation and, on edits, for both the account as it is and as it would become.
 */
export function manageRefusal(actor: User, target: AccountPlace): string | undefined {
  if (actor.role === 'agent') return 'Agentes não gerenciam contas.';
  if (actor.role === 'regional') {
    if (target.role !== 'agent') return 'Uma unidade regional cria e altera apenas contas de agentes municipais.';
    if (!canManage(actor, target)) return `Este município não pertence à unidade regional ${actor.regional}.`;
  }
  return undefined;
}

/** Checks that the place itself is coherent: an agent has a real municipality, a regional a real unit. */
export function placeProblem(target: AccountPlace): { path: string; message: string } | undefined {
  if (target.role === 'agent' && !(target.municipalityCode && findMunicipality(target.municipalityCode))) {
    return { path: 'municipalityCode', message: 'informe um município de Minas Gerais (código IBGE)' };
  }
  if (target.role === 'regional' && !(target.regional && isRegional(target.regional))) {
    return { path: 'regional', message: 'informe uma das 28 unidades regionais de saúde' };
  }
  return undefined;
}

/** The stored place for a role: agents keep only a municipality, regionals only a unit, central none. */
export function normalizePlace<T extends AccountPlace>(t: T): T {
  return {
    ...t,
    municipalityCode: t.role === 'agent' ? (t.municipalityCode ?? null) : null,
    regional: t.role === 'regional' ? (t.regional ?? null) : null,
  };
}
