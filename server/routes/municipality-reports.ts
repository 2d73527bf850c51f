import type { FastifyInstance } from 'fastify';
import { HISTORY_MONTHS, type MunicipalityReportsResponse } from '../../src/domain/api.ts';
import { periodOfDate, shiftPeriod } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { inScope, scopeOf } from '../auth/scope.ts';
import { ApiError } from '../errors.ts';

/** GET /municipalities/{code}/reports: the last 13 months of one municipality, with content. */
export async function municipalityReportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/municipalities/:code/reports', async (req, reply) => {
    const code = (req.params as { code: string }).code;
    if (!/^\d{7}$/.test(code)) throw new ApiError(404, 'not_found', 'Município não encontrado (código IBGE de 7 dígitos).');
    if (!inScope(scopeOf(userOf(req)), code)) throw new ApiError(403, 'forbidden', 'Você não tem acesso aos relatórios deste município.');
    const to = periodOfDate(ctx.now());
    const from = shiftPeriod(to, -(HISTORY_MONTHS - 1));
    reply.header('cache-control', 'no-store');
    const body: MunicipalityReportsResponse = { from, to, reports: await ctx.store.recent.of(code, from, to) };
    return body;
  });
}
