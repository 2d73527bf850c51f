import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { findMunicipality } from '../../src/domain/municipality.ts';
import { formatPeriod, PERIOD_RE } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { plural } from '../public-site/html.ts';
import { ACTION_COLORS, countClasses, renderMap, type MapClass } from '../public-site/map/map-svg.ts';
import { latestReports } from '../store/panel-map-store.ts';
import { rangeScope } from './range-query.ts';
import { parseWithIssues } from './zod-issues.ts';

const MapQuery = z.looseObject({
  medida: z.optional(z.enum(['acoes', 'situacao'], { error: 'medida inválida (acoes ou situacao)' })),
  mes: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }))),
});

/** Report status of a month, as the map colours it. */
const STATUS_CLASSES: readonly (MapClass & { statuses: readonly string[] })[] = [
  { label: 'não enviado', color: ACTION_COLORS[0], statuses: [] },
  { label: 'recebido (aguarda análise)', color: '#f2c14e', statuses: ['received'] },
  { label: 'devolvido para correção', color: '#d9480f', statuses: ['returned'] },
  { label: 'aprovado', color: '#2171b5', statuses: ['approved', 'consolidated'] },
];

/**
 * GET /panel/map: the Painel's map as an HTML fragment (inline SVG + legend, the same renderer as
 * the public site), for the range and scope of GET /panel; each municipality links to its latest
 * report of the range in the review screen.
 */
export async function panelMapRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get('/panel/map', { config: { roles: ['regional', 'central'] } }, async (req, reply) => {
    const q = parseWithIssues(MapQuery, req.query);
    if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
    const { medida, mes, ...range } = q.data as { medida?: string; mes?: string } & Record<string, unknown>;
    const now = ctx.now();
    const scope = rangeScope({ query: range } as unknown as FastifyRequest, userOf(req), now);
    const measure = medida ?? 'acoes';
    const month = mes ?? scope.to;
    if (measure === 'situacao' && (month < scope.from || month > scope.to)) {
      throw new ApiError(400, 'invalid_request', 'O mês do mapa deve estar dentro do intervalo do Painel.');
    }
    const [figures, reports] = await Promise.all([
      ctx.store.panel.figures({ from: scope.from, to: scope.to, regional: scope.regional, now }),
      latestReports(ctx.store.driver, measure === 'situacao' ? { from: month, to: month, scope: scope.scope } : { from: scope.from, to: scope.to, scope: scope.scope }),
    ]);
    const byCode = new Map((figures.byMunicipality ?? []).map((m) => [m.code, m]));
    const name = (code: string) => findMunicipality(code)?.name ?? code;
    let classes: readonly MapClass[];
    let cellOf: (code: string) => { cls: number; text: string };
    if (measure === 'situacao') {
      classes = STATUS_CLASSES;
      cellOf = (code) => {
        const r = reports.get(code);
        const cls = Math.max(0, STATUS_CLASSES.findIndex((c) => r && c.statuses.includes(r.status)));
        return { cls, text: `${name(code)}: relatório ${STATUS_CLASSES[cls].label}` };
      };
    } else {
      const scale = countClasses([...byCode.values()].map((m) => m.actions), ['ação', 'ações']);
      classes = scale.classes;
      cellOf = (code) => {
        const m = byCode.get(code);
        return { cls: scale.classOf(m?.actions ?? 0), text: `${name(code)}: ${plural(m?.actions ?? 0, 'ação', 'ações')}, ${plural(m?.participants ?? 0, 'participante', 'participantes')}` };
      };
    }
    const what = measure === 'situacao' ? `situação dos relatórios de ${formatPeriod(month)}` : `ações de ${formatPeriod(scope.from)} a ${formatPeriod(scope.to)}`;
    const markup = renderMap({
      id: 'painel-mapa',
      title: `Mapa ${scope.regional ? `da unidade regional ${scope.regional}` : 'de Minas Gerais'}: ${what}, por município. Toque num município para abrir o relatório.`,
      classes,
      cellOf,
      regional: scope.regional,
      hrefOf: (code) => (reports.has(code) ? `#/revisao/relatorio/${reports.get(code)!.id}` : undefined),
    });
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    return markup.text;
  });
}
