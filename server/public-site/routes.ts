// The public site under /publico: server-rendered pages (no sign-in), the map's tap script and the
// published photos. Pages are compressed here (the app shell's compression serves dist/ only).
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { calendarFrom } from '../../src/domain/campaigns.ts';
import { formatPeriod, PERIOD_RE, periodOfDate, shiftPeriod } from '../../src/domain/period.ts';
import { balancePage, campaignList, type BalancePeriod, type MapMeasure } from './balance-page.ts';
import { highlightCards } from './highlight-cards.ts';
import { materialsBody } from './materials-page.ts';
import { sendMaterialFile } from '../routes/materials.ts';
import { html } from './html.ts';
import { page, PUBLIC_PREFIX } from './layout.ts';
import { originOf, sendHtml } from './send-html.ts';
import { partnerSignupRoutes } from './partner-signup.ts';

/** Only these statuses are public: what a regional unit approved or the central level consolidated. */
export const PUBLIC_STATUSES = ['approved', 'consolidated'] as const;
const FIRST_YEAR = 2000;
const PHOTO_CACHE = 'public, max-age=31536000, immutable';
const MAP_SCRIPT = readFileSync(new URL('./mapa.js', import.meta.url));

function notFound(req: FastifyRequest, reply: FastifyReply, what: string) {
  return sendHtml(req, reply, page({
    title: 'Página não encontrada', description: what, path: req.url.split('?')[0], origin: originOf(req), nav: 'balanco',
    body: html`<h1>Página não encontrada</h1><p>${what}</p><p><a href="${PUBLIC_PREFIX}">Ver o balanço do último mês</a></p>`,
  }), 404);
}

/** How long one computation of the public figures serves every visitor (the page says when it was computed). */
const FIGURES_TTL_MS = 60_000;
const FIGURES_MEMO_MAX = 64;

export async function publicSiteRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const lastMonth = () => shiftPeriod(periodOfDate(ctx.now()), -1);
  // A public page may be opened by many visitors at once: the aggregation runs at most once a
  // minute per period (bounded memo, per process). Highlights are read fresh on every request.
  const memo = new Map<string, { at: number; figures: ReturnType<AppContext['store']['panel']['figures']> }>();
  const figures = (from: string, to: string, now: Date) => {
    const key = `${from}:${to}`;
    const hit = memo.get(key);
    if (hit && now.getTime() - hit.at < FIGURES_TTL_MS && now.getTime() >= hit.at) return hit.figures;
    if (memo.size >= FIGURES_MEMO_MAX) memo.delete(memo.keys().next().value!);
    const entry = { at: now.getTime(), figures: ctx.store.panel.figures({ from, to, now, statuses: PUBLIC_STATUSES }) };
    entry.figures.catch(() => memo.delete(key));
    memo.delete(key);
    memo.set(key, entry);
    return entry.figures;
  };

  async function balance(req: FastifyRequest, reply: FastifyReply, period: BalancePeriod) {
    const now = ctx.now();
    const latest = periodOfDate(now);
    const [from, to] = period.kind === 'month' ? [period.period, period.period] : [`${period.year}-01`, `${period.year}-12` > latest ? latest : `${period.year}-12`];
    if (from > latest || Number(from.slice(0, 4)) < FIRST_YEAR) return notFound(req, reply, 'Ainda não há balanço para este período.');
    const measure: MapMeasure = (req.query as { medida?: string }).medida === 'relatorios' ? 'relatorios' : 'acoes';
    const [data, highlights] = await Promise.all([
      figures(from, to, now),
      period.kind === 'month' ? ctx.store.highlights.published({ from, to, limit: 12 }) : Promise.resolve([]),
    ]);
    return sendHtml(req, reply, balancePage({ period, measure, figures: data, highlights, latest, now, origin: originOf(req) }));
  }

  app.get(PUBLIC_PREFIX, (req, reply) => balance(req, reply, { kind: 'month', period: lastMonth() }));
  app.get(`${PUBLIC_PREFIX}/balanco/:p`, (req, reply) => {
    const p = (req.params as { p: string }).p;
    if (PERIOD_RE.test(p)) return balance(req, reply, { kind: 'month', period: p });
    if (/^\d{4}$/.test(p)) return balance(req, reply, { kind: 'year', year: Number(p) });
    return notFound(req, reply, 'Endereço de período inválido: use o mês (AAAA-MM) ou o ano (AAAA).');
  });

  app.get(`${PUBLIC_PREFIX}/destaques`, async (req, reply) => {
    const to = periodOfDate(ctx.now());
    const list = await ctx.store.highlights.published({ from: shiftPeriod(to, -11), to, limit: 48 });
    const months = [...new Set(list.map((h) => h.period))];
    return sendHtml(req, reply, page({
      title: 'Destaques do mês',
      description: 'Ações de mobilização social em saúde dos municípios de Minas Gerais escolhidas como destaque pela SES-MG, com fotos.',
      path: `${PUBLIC_PREFIX}/destaques`, origin: originOf(req), nav: 'destaques',
      body: html`<h1>Destaques do mês</h1><p>Ações escolhidas pela coordenação estadual entre as relatadas pelos municípios. As fotos são publicadas com autorização de uso de imagem das pessoas retratadas.</p>
${months.length ? months.map((m) => html`<h2>${formatPeriod(m)}</h2>${highlightCards(list.filter((h) => h.period === m), '')}`) : html`<p>Nenhum destaque publicado nos últimos 12 meses.</p>`}`,
    }));
  });

  app.get(`${PUBLIC_PREFIX}/campanhas`, async (req, reply) => {
    const now = ctx.now();
    const current = Number(periodOfDate(now).slice(5, 7));
    const year = now.getFullYear();
    return sendHtml(req, reply, page({
      title: 'Calendário de campanhas',
      description: 'Calendário das campanhas de saúde do ano (Janeiro Branco, Outubro Rosa, Novembro Azul…), a começar pela do mês atual.',
      path: `${PUBLIC_PREFIX}/campanhas`, origin: originOf(req), nav: 'campanhas',
      body: html`<h1>Calendário de campanhas de saúde</h1><p>As campanhas do ano, a começar pelo mês atual. Não há um calendário oficial único de cores: as campanhas abaixo são as mais adotadas.</p>
${calendarFrom(current).map(({ month }, i) => {
        const y = month < current ? year + 1 : year;
        const period = `${y}-${String(month).padStart(2, '0')}`;
        return html`<section class="cal"><h2${i === 0 ? html` class="now"` : ''}>${formatPeriod(period)}${i === 0 ? ' (mês atual)' : ''}</h2>${campaignList(month)}</section>`;
      })}`,
    }));
  });

  await partnerSignupRoutes(app, ctx);
  app.get(`${PUBLIC_PREFIX}/materiais`, async (req, reply) => {
    const month = periodOfDate(ctx.now());
    return sendHtml(req, reply, page({
      title: 'Materiais para compartilhar',
      description: 'Peças digitais das campanhas de saúde do mês e tutoriais das oficinas de capacitação, reciclagem de resíduos e teatro.',
      path: `${PUBLIC_PREFIX}/materiais`, origin: originOf(req), nav: 'materiais',
      body: materialsBody(month, await ctx.store.materials.list(month)),
    }));
  });

  // Any stored name after the id is accepted (the link carries the file name for the visitor's download).
  app.get(`${PUBLIC_PREFIX}/materiais/:id/:name`, { exposeHeadRoute: false }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const file = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? await ctx.store.materials.file(id) : undefined;
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Material não encontrado.');
    // An hour: a piece taken down disappears from caches soon after.
    return sendMaterialFile(req, reply, file, 'public, max-age=3600');
  });

  // Search engines may index the public site only (the app and the API are for signed-in users).
  app.get('/robots.txt', (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400')
      .send(`User-agent: *\nAllow: ${PUBLIC_PREFIX}\nDisallow: /\n`));

  app.get(`${PUBLIC_PREFIX}/mapa.js`, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(MAP_SCRIPT));

  app.get(`${PUBLIC_PREFIX}/fotos/:file`, async (req, reply) => {
    const m = /^([0-9a-f]{32})-(mini|grande)\.jpg$/.exec((req.params as { file: string }).file);
    const bytes = m && (await ctx.store.highlights.photoBytes(m[1], m[2] === 'mini' ? 'thumb' : 'full'));
    if (!bytes) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Foto não encontrada.');
    return reply.type('image/jpeg').header('cache-control', PHOTO_CACHE).send(bytes);
  });
}
