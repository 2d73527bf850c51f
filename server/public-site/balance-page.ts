// "Balanço": the month's or the year's figures of approved and consolidated reports, the month's
// campaigns, the map and the highlights. Every figure comes from one panelFigures() call.
import type { PanelResponse } from '../../src/domain/api.ts';
import { campaignsOfMonth } from '../../src/domain/campaigns.ts';
import { allMunicipalities, findMunicipality } from '../../src/domain/municipality.ts';
import { formatPeriod, formatPeriodTitle, shiftPeriod } from '../../src/domain/period.ts';
import { ACTION_TYPES, labelOf, THEMES } from '../../src/domain/vocabulary.ts';
import { html, num, plural, type Html } from './html.ts';
import { page, PUBLIC_PREFIX } from './layout.ts';
import { ACTION_COLORS, countClasses, renderMap, type MapClass } from './map/map-svg.ts';
import { highlightCards, type PublicHighlight } from './highlight-cards.ts';

export type BalancePeriod = { kind: 'month'; period: string } | { kind: 'year'; year: number };
export type MapMeasure = 'acoes' | 'relatorios';

export const balancePath = (p: BalancePeriod, measure: MapMeasure = 'acoes') =>
  `${PUBLIC_PREFIX}/balanco/${p.kind === 'month' ? p.period : p.year}${measure === 'acoes' ? '' : '?medida=relatorios'}`;

const titleOf = (p: BalancePeriod) => (p.kind === 'month' ? formatPeriod(p.period) : String(p.year));

function countTable(caption: string, head: string, rows: { label: string; count: number }[], empty: string): Html {
  if (!rows.length) return html`<p>${empty}</p>`;
  const max = Math.max(...rows.map((r) => r.count));
  return html`<table><caption>${caption}</caption><thead><tr><th scope="col">${head}</th><th scope="col" class="n">Ações</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.label}<span class="bar" style="width:${Math.max(1, Math.round((100 * r.count) / max))}%" aria-hidden="true"></span></th><td class="n">${num(r.count)}</td></tr>`,
  )}</tbody></table>`;
}

export interface BalanceInput {
  period: BalancePeriod;
  measure: MapMeasure;
  figures: PanelResponse;
  /** the month's published highlights (month pages) */
  highlights: PublicHighlight[];
  /** the latest month that may be shown (the current one) */
  latest: string;
  now: Date;
  origin: string;
}

export function balancePage(b: BalanceInput): Html {
  const f = b.figures;
  const p = b.period;
  const name = titleOf(p);
  const t = f.totals;
  const byCode = new Map((f.byMunicipality ?? []).map((m) => [m.code, m]));
  const reporting = new Set(f.municipalitiesReportingCodes ?? []);

  // Period navigation
  const nav: Html[] = [];
  if (p.kind === 'month') {
    nav.push(html`<li><a href="${balancePath({ kind: 'month', period: shiftPeriod(p.period, -1) }, b.measure)}">← ${formatPeriod(shiftPeriod(p.period, -1))}</a></li>`);
    const next = shiftPeriod(p.period, 1);
    if (next <= b.latest) nav.push(html`<li><a href="${balancePath({ kind: 'month', period: next }, b.measure)}">${formatPeriod(next)} →</a></li>`);
    nav.push(html`<li><a href="${balancePath({ kind: 'year', year: Number(p.period.slice(0, 4)) }, b.measure)}">Balanço do ano de ${p.period.slice(0, 4)}</a></li>`);
  } else {
    nav.push(html`<li><a href="${balancePath({ kind: 'year', year: p.year - 1 }, b.measure)}">← ${p.year - 1}</a></li>`);
    if (`${p.year + 1}-01` <= b.latest) nav.push(html`<li><a href="${balancePath({ kind: 'year', year: p.year + 1 }, b.measure)}">${p.year + 1} →</a></li>`);
  }

  // Map
  let classes: readonly MapClass[];
  let cellOf: (code: string) => { cls: number; text: string };
  const figuresText = (code: string) => {
    const m = byCode.get(code);
    const rep = reporting.has(code) ? 'relatório aprovado' : 'sem relatório aprovado';
    return `${findMunicipality(code)?.name ?? code}: ${plural(m?.actions ?? 0, 'ação', 'ações')}, ${plural(m?.participants ?? 0, 'participante', 'participantes')}; ${rep}`;
  };
  if (b.measure === 'relatorios') {
    classes = [
      { label: 'sem relatório aprovado', color: ACTION_COLORS[0], min: 0, max: 0 },
      { label: 'com relatório aprovado', color: ACTION_COLORS[3], min: 1, max: 1 },
    ];
    cellOf = (code) => ({ cls: reporting.has(code) ? 1 : 0, text: figuresText(code) });
  } else {
    const scale = countClasses([...byCode.values()].map((m) => m.actions), ['ação', 'ações']);
    classes = scale.classes;
    cellOf = (code) => ({ cls: scale.classOf(byCode.get(code)?.actions ?? 0), text: figuresText(code) });
  }
  const measureLink = (m: MapMeasure, label: string) =>
    m === b.measure ? html`<li><strong aria-current="true">${label}</strong></li>` : html`<li><a href="${balancePath(p, m)}#mapa">${label}</a></li>`;

  const listed = allMunicipalities().filter((m) => byCode.has(m.code) || reporting.has(m.code))
    .sort((a, c) => a.regional.localeCompare(c.regional, 'pt-BR') || a.name.localeCompare(c.name, 'pt-BR'));

  // The month's campaigns, with the actions on their theme.
  const themeCount = new Map(f.byTheme.map((x) => [x.key, x.count]));
  const campaigns = p.kind === 'month'
    ? html`<h2>Campanhas do mês</h2>${campaignList(Number(p.period.slice(5, 7)), themeCount)}`
    : html`<h2>Mês a mês</h2><table><caption>Ações e participantes por mês de ${p.year}</caption><thead><tr><th scope="col">Mês</th><th scope="col" class="n">Ações</th><th scope="col" class="n">Participantes</th><th scope="col">Campanhas</th></tr></thead><tbody>${f.byMonth.map(
        (m) => html`<tr><th scope="row"><a href="${balancePath({ kind: 'month', period: m.period })}">${formatPeriodTitle(m.period)}</a></th><td class="n">${num(m.actions)}</td><td class="n">${num(m.participants)}</td><td>${campaignsOfMonth(Number(m.period.slice(5, 7))).map((c) => c.name).join(', ')}</td></tr>`,
      )}</tbody></table>`;

  const body = html`<h1>Balanço de ${name}</h1>
<ul class="periods">${nav}</ul>
<p class="note">Contam apenas os relatórios <strong>aprovados</strong> pelas unidades regionais de saúde ou <strong>consolidados</strong> pelo nível central; relatórios ainda em análise ou devolvidos para correção não entram nestes números.</p>
<ul class="kpis">
<li><strong>${num(t.actions)}</strong> ${t.actions === 1 ? 'ação realizada' : 'ações realizadas'}</li>
<li><strong>${num(t.participants)}</strong> ${t.participants === 1 ? 'participante' : 'participantes'}</li>
<li><strong>${num(t.municipalitiesReporting)}</strong> de ${num(t.municipalities)} municípios com relatório aprovado</li>
</ul>
${campaigns}
<h2 id="mapa">Mapa</h2>
<ul class="measures" aria-label="O que o mapa mostra">${measureLink('acoes', 'Ações no período')}${measureLink('relatorios', 'Relatório aprovado (sim/não)')}</ul>
${renderMap({ id: 'mapa-mg', title: `Mapa de Minas Gerais: ${b.measure === 'acoes' ? 'ações' : 'municípios com relatório aprovado'} em ${name}, por município, com as unidades regionais contornadas. A tabela a seguir traz os mesmos dados.`, classes, cellOf })}
<details class="tabela-mapa"${listed.length <= 60 ? html` open` : ''}><summary>Tabela do mapa: ${plural(listed.length, 'município', 'municípios')} com relatório aprovado ou ações</summary>
<table><caption>Municípios com relatório aprovado em ${name}. Os outros ${num(t.municipalities - listed.length)} municípios não têm relatório aprovado no período.</caption>
<thead><tr><th scope="col">Município</th><th scope="col">Unidade regional</th><th scope="col" class="n">Ações</th><th scope="col" class="n">Participantes</th></tr></thead>
<tbody>${listed.map((m) => html`<tr><th scope="row">${m.name}</th><td>${m.regional}</td><td class="n">${num(byCode.get(m.code)?.actions ?? 0)}</td><td class="n">${num(byCode.get(m.code)?.participants ?? 0)}</td></tr>`)}</tbody></table></details>
<div class="two">
<section><h2>Por tema</h2>${countTable(`Ações por tema em ${name} (uma ação com dois temas conta nos dois)`, 'Tema', f.byTheme.map((x) => ({ label: labelOf(THEMES, x.key), count: x.count })), 'Nenhuma ação aprovada no período.')}</section>
<section><h2>Por tipo de ação</h2>${countTable(`Ações por tipo em ${name}`, 'Tipo', f.byType.map((x) => ({ label: labelOf(ACTION_TYPES, x.key), count: x.count })), 'Nenhuma ação aprovada no período.')}</section>
</div>
<h2>Por unidade regional de saúde</h2>
<table><caption>Ações, participantes e municípios com relatório aprovado por unidade regional em ${name}</caption>
<thead><tr><th scope="col">Unidade regional</th><th scope="col" class="n">Ações</th><th scope="col" class="n">Participantes</th><th scope="col" class="n">Municípios com relatório aprovado</th></tr></thead>
<tbody>${f.byRegional.map((r) => html`<tr><th scope="row">${r.regional}</th><td class="n">${num(r.actions)}</td><td class="n">${num(r.participants)}</td><td class="n">${num(r.municipalitiesReporting)} de ${num(r.municipalities)}</td></tr>`)}</tbody></table>
${p.kind === 'month' ? html`<h2>Destaques do mês</h2>${highlightCards(b.highlights, 'Nenhum destaque publicado para este mês.')}` : ''}`;

  return page({
    title: `Balanço de ${name}`,
    description: `Ações de mobilização social em saúde em Minas Gerais em ${name}: ${plural(t.actions, 'ação', 'ações')}, ${plural(t.participants, 'participante', 'participantes')}, ${t.municipalitiesReporting} de ${t.municipalities} municípios com relatório aprovado.`,
    path: balancePath(p, b.measure),
    origin: b.origin,
    nav: 'balanco',
    generatedAt: new Date(f.generatedAt),
    mapScript: true,
    body,
  });
}

export function campaignList(month: number, themeCount?: Map<string, number>): Html {
  const list = campaignsOfMonth(month);
  if (!list.length) return html`<p>Nenhuma campanha no calendário deste mês.</p>`;
  return html`<ul>${list.map((c) => html`<li><strong>${c.name}</strong>: ${c.about}. ${themeCount ? html`<span class="meta">${plural(themeCount?.get(c.theme) ?? 0, 'ação aprovada', 'ações aprovadas')} com este tema.</span>` : ''}</li>`)}</ul>`;
}
