import type { FastifyInstance } from 'fastify';
import { ACTIVE_AGENT_DAYS, type Coverage, type Nucleo, type NucleoList } from '../../src/domain/accounts-api.ts';
import { allMunicipalities, REGIONALS, type Municipality } from '../../src/domain/municipality.ts';
import { formatPeriod, periodOfDate, shiftPeriod } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { managedScope } from '../auth/manage-scope.ts';
import { csvDocument } from '../export/csv.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The núcleos municipais: per municipality in scope, its agents, how many are active (signed in
 * within 90 days) and the latest month reported; for central, the state's coverage per regional
 * unit, as JSON for the Painel and as CSV.
 */
export async function nucleoRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const admin = ctx.store.admin;

  async function nucleos(municipalities: Municipality[], all: boolean): Promise<Nucleo[]> {
    const since = new Date(ctx.now().getTime() - ACTIVE_AGENT_DAYS * DAY_MS);
    const f = await admin.nucleoFigures(all ? 'all' : municipalities.map((m) => m.code), since);
    return municipalities.map((m) => {
      const a = f.agents.get(m.code) ?? { agents: 0, active: 0 };
      return { code: m.code, name: m.name, regional: m.regional, agents: a.agents, activeAgents: a.active,
        lastReportPeriod: f.lastPeriod.get(m.code) ?? null, state: a.active > 0 ? 'active' : a.agents > 0 ? 'inactive' : 'none' };
    });
  }

  async function coverage(): Promise<{ coverage: Coverage; rows: Nucleo[]; reported: Set<string> }> {
    const now = ctx.now();
    const lastMonth = shiftPeriod(periodOfDate(now), -1);
    const rows = await nucleos(allMunicipalities(), true);
    const reported = await admin.reportedIn(lastMonth);
    const count = (list: Nucleo[]) => ({
      municipalities: list.length,
      withNucleo: list.filter((n) => n.state === 'active').length,
      reportedLastMonth: list.filter((n) => reported.has(n.code)).length,
    });
    return {
      rows,
      reported,
      coverage: {
        generatedAt: now.toISOString(),
        lastMonth,
        activeDays: ACTIVE_AGENT_DAYS,
        totals: count(rows),
        byRegional: REGIONALS.map((regional) => ({ regional, ...count(rows.filter((n) => n.regional === regional)) })),
        withoutNucleo: rows.filter((n) => n.state !== 'active').map(({ code, name, regional }) => ({ code, name, regional })),
      },
    };
  }

  api.get('/admin/nucleos', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const scope = managedScope(userOf(req));
    const list = scope.all ? allMunicipalities() : allMunicipalities().filter((m) => scope.codes.includes(m.code));
    const body: NucleoList = { municipalities: await nucleos(list, scope.all), lastMonth: shiftPeriod(periodOfDate(ctx.now()), -1) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  api.get('/admin/coverage', { config: { roles: ['central'] } }, async (_req, reply) => {
    return reply.header('cache-control', 'no-store').send((await coverage()).coverage);
  });

  api.get('/exports/nucleos.csv', { config: { roles: ['central'] } }, async (_req, reply) => {
    const { rows, reported, coverage: c } = await coverage();
    const month = formatPeriod(c.lastMonth);
    const csv = csvDocument(
      ['Código IBGE', 'Município', 'Unidade regional', 'Núcleo ativo', `Agentes ativos (${ACTIVE_AGENT_DAYS} dias)`, 'Agentes',
        `Enviou relatório de ${month}`, 'Último mês com relatório'],
      rows.map((n) => [n.code, n.name, n.regional, n.state === 'active' ? 'Sim' : 'Não', n.activeAgents, n.agents,
        reported.has(n.code) ? 'Sim' : 'Não', n.lastReportPeriod ? formatPeriod(n.lastReportPeriod) : '']),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="nucleos-${periodOfDate(ctx.now())}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
