import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { dateInBrazil, dueDateOf } from '../../src/domain/deadline.ts';
import { DeadlineSettingsSchema } from '../../src/domain/deadline-settings.ts';
import { isRegional, municipalitiesOfRegional, allMunicipalities } from '../../src/domain/municipality.ts';
import { PERIOD_RE, periodOfDate, shiftPeriod } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { deadlineCounts, deadlineStatus, getDeadlineSettings, putDeadlineSettings } from '../deadlines/deadline-store.ts';
import { ApiError } from '../errors.ts';
import { rangeScope } from './range-query.ts';
import { parseWithIssues } from './zod-issues.ts';

const StatusQuerySchema = z.strictObject({
  period: z.string().regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }).optional(),
  regional: z.string().refine(isRegional, { error: 'unidade regional desconhecida' }).optional(),
});

/**
 * GET /deadlines (everyone: the rule the phone applies), PUT /deadlines (central),
 * GET /deadlines/status (reviewers: each municipality's standing for a month),
 * GET /panel/deadlines (on time / late / missing per month and regional unit).
 */
export async function deadlineRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, now } = ctx;

  api.get('/deadlines', async () => getDeadlineSettings(store.driver));

  api.put('/deadlines', { config: { roles: ['central'] } }, async (req) => {
    const parsed = parseWithIssues(DeadlineSettingsSchema, req.body);
    if (!parsed.success) throw new ApiError(422, 'invalid_deadlines', undefined, { issues: parsed.issues });
    await putDeadlineSettings(store.driver, parsed.data, userOf(req).id, now());
    return parsed.data;
  });

  api.get('/deadlines/status', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const user = userOf(req);
    const q = parseWithIssues(StatusQuerySchema, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const at = now();
    // Default: the month whose report is due next (or was due most recently).
    const period = q.data.period ?? shiftPeriod(periodOfDate(new Date(`${dateInBrazil(at)}T12:00:00Z`)), -1);
    let regional: string | undefined = q.data.regional;
    if (user.role === 'regional') {
      if (regional && regional !== user.regional) throw new ApiError(403, 'forbidden', 'Você só tem acesso aos dados da sua unidade regional.');
      regional = user.regional;
    }
    const settings = await getDeadlineSettings(store.driver);
    const scope = regional ? municipalitiesOfRegional(regional) : allMunicipalities();
    reply.header('cache-control', 'no-store');
    return {
      period,
      dueDate: dueDateOf(period, settings),
      today: dateInBrazil(at),
      regional: regional ?? null,
      municipalities: await deadlineStatus(store.driver, { period, scope, now: at, settings }),
    };
  });

  api.get('/panel/deadlines', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const at = now();
    const { from, to, regional } = rangeScope(req, userOf(req), at);
    const settings = await getDeadlineSettings(store.driver);
    reply.header('cache-control', 'no-store');
    return { from, to, regional: regional ?? null, today: dateInBrazil(at), ...(await deadlineCounts(store.driver, { from, to, regional, now: at, settings })) };
  });
}

