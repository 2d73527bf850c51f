import type { FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { User } from '../../src/domain/api.ts';
import { isRegional } from '../../src/domain/municipality.ts';
import { PERIOD_RE, periodOfDate } from '../../src/domain/period.ts';
import { STATE_SCOPE, regionalScope, scopeOf, type Scope } from '../auth/scope.ts';
import { ApiError } from '../errors.ts';
import { parseWithIssues } from './zod-issues.ts';

/** Longest range the Painel and the export accept (ten years of months). */
export const MAX_RANGE_MONTHS = 120;

const period = z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }));
const RangeQuerySchema = z.strictObject({
  from: z.optional(period),
  to: z.optional(period),
  regional: z.optional(z.string().check(z.refine(isRegional, { error: 'unidade regional desconhecida' }))),
});

export interface RangeScope {
  from: string;
  to: string;
  /** the unit asked for (or the regional user's own); undefined = the whole state */
  regional?: string;
  /** municipalities in scope */
  scope: Scope;
}

const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));

/**
 * `from`, `to` (default: January of the current year to the current month) and `regional`,
 * resolved against who asks: central any unit or the state; a regional account only its own unit
 * (another → 403); an agent (export only) only its municipality, and no `regional` (→ 403).
 */
export function rangeScope(req: FastifyRequest, user: User, now: Date): RangeScope {
  const q = parseWithIssues(RangeQuerySchema, req.query);
  if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
  const to = q.data.to ?? periodOfDate(now);
  const from = q.data.from ?? `${to.slice(0, 4)}-01`;
  if (from > to) throw new ApiError(400, 'invalid_request', 'O mês inicial deve ser anterior ou igual ao mês final.');
  if (monthIndex(to) - monthIndex(from) >= MAX_RANGE_MONTHS) {
    throw new ApiError(400, 'invalid_request', `Escolha um intervalo de no máximo ${MAX_RANGE_MONTHS} meses.`);
  }
  const asked = q.data.regional;
  if (user.role === 'central') {
    return { from, to, regional: asked, scope: asked ? regionalScope(asked) : STATE_SCOPE };
  }
  if (user.role === 'regional') {
    if (asked && asked !== user.regional) throw new ApiError(403, 'forbidden', 'Você só tem acesso aos dados da sua unidade regional.');
    return { from, to, regional: user.regional ?? '', scope: scopeOf(user) };
  }
  if (asked) throw new ApiError(403, 'forbidden', 'Você só tem acesso aos dados do seu município.');
  return { from, to, scope: scopeOf(user) };
}
