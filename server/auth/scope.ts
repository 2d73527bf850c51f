// Who sees what: every role sees only its scope (LGPD). The store, the routes and the Painel take
// their municipality filter from here, in memory (inScope) or in SQL (scopeSql).
import type { User } from '../../src/domain/api.ts';
import { municipalitiesOfRegional } from '../../src/domain/municipality.ts';

/** Which municipalities a user may see: a list of IBGE codes, or every one (central). */
export type Scope = { all: true } | { all: false; codes: string[] };

export const STATE_SCOPE: Scope = { all: true };

/** The municipalities of one regional unit. */
export function regionalScope(regional: string): Scope {
  return { all: false, codes: municipalitiesOfRegional(regional).map((m) => m.code) };
}

export function scopeOf(user: User): Scope {
  if (user.role === 'central') return STATE_SCOPE;
  if (user.role === 'regional') return regionalScope(user.regional ?? '');
  return { all: false, codes: user.municipalityCode ? [user.municipalityCode] : [] };
}

export function inScope(scope: Scope, municipalityCode: string): boolean {
  return scope.all || scope.codes.includes(municipalityCode);
}

/** SQL condition "`column` is in scope"; pushes its one parameter (if any) onto `params`. */
export function scopeSql(scope: Scope, column: string, params: unknown[]): string {
  if (scope.all) return 'true';
  params.push(scope.codes);
  return `${column} = ANY($${params.length}::text[])`;
}
