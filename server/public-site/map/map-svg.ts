// The map of Minas Gerais as inline SVG: one path per municipality, coloured by class, with a
// <title> naming it and its figures (hover, and read by /publico/mapa.js on tap), the regional
// units outlined, and the legend. Used by the public balance and by the reviewers' Painel.
import { findMunicipality } from '../../../src/domain/municipality.ts';
import { escapeHtml, html, trusted, type Html } from '../html.ts';
import { loadMap, pathBox } from './map-artefact.ts';

export interface MapClass {
  label: string;
  color: string;
  /** the range of the measure the class covers (legend and tests) */
  min?: number;
  max?: number;
}

export interface MapModel {
  /** accessible name of the picture */
  title: string;
  classes: readonly MapClass[];
  /** class index and the text for each municipality drawn */
  cellOf: (code: string) => { cls: number; text: string };
  /** draw only this regional unit's municipalities, zoomed */
  regional?: string;
  /** a link for a municipality (the Painel opens its report) */
  hrefOf?: (code: string) => string | undefined;
  /** id prefix, unique on the page */
  id: string;
}

/** Sequential blues (ColorBrewer), light to dark; index 0 is "none". */
export const ACTION_COLORS = ['#e4e7eb', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

/** Which of ACTION_COLORS the 1–4 count ranges use (fewer ranges: the darker shades, spread). */
const SHADES: Record<number, number[]> = { 1: [3], 2: [2, 4], 3: [2, 3, 4], 4: [1, 2, 3, 4] };

/**
 * Legend classes for counts: 0, then up to four ranges split at the quartiles of the non-zero
 * values (so a month and a year both spread over the colours).
 */
export function countClasses(values: readonly number[], unit: [string, string]): { classes: MapClass[]; classOf: (n: number) => number } {
  const nz = values.filter((v) => v > 0).sort((a, b) => a - b);
  const cuts: number[] = [];
  for (const q of [0.25, 0.5, 0.75]) {
    const v = nz[Math.min(nz.length - 1, Math.floor(q * nz.length))];
    if (v !== undefined && v > (cuts[cuts.length - 1] ?? 0)) cuts.push(v);
  }
  const max = nz[nz.length - 1] ?? 0;
  const ranges: [number, number][] = [];
  let lo = 1;
  for (const c of cuts) {
    if (c >= lo && c < max) {
      ranges.push([lo, c]);
      lo = c + 1;
    }
  }
  if (max >= lo) ranges.push([lo, max]);
  const word = (n: number) => (n === 1 ? unit[0] : unit[1]);
  const shades = SHADES[ranges.length] ?? [];
  const classes: MapClass[] = [
    { label: `nenhuma ${unit[0]}`, color: ACTION_COLORS[0], min: 0, max: 0 },
    ...ranges.map(([a, b], i) => ({ label: a === b ? `${a} ${word(a)}` : `${a} a ${b} ${unit[1]}`, color: ACTION_COLORS[shades[i]], min: a, max: b })),
  ];
  const classOf = (n: number) => (n <= 0 ? 0 : 1 + Math.max(0, ranges.findIndex(([a, b]) => n >= a && n <= b)));
  return { classes, classOf };
}

export function renderMap(model: MapModel): Html {
  const map = loadMap();
  const codes = Object.keys(map.municipalities).filter((c) => !model.regional || findMunicipality(c)?.regional === model.regional);
  let box: [number, number, number, number] = [0, 0, map.width, map.height];
  if (model.regional && map.regionals[model.regional]) {
    const [x, y, w, h] = pathBox(map.regionals[model.regional]);
    const m = Math.round(Math.max(w, h) * 0.03);
    box = [x - m, y - m, w + 2 * m, h + 2 * m];
  }
  const style = model.classes.map((c, i) => `#${model.id} .c${i}{fill:${c.color}}`).join('');
  const paths = codes.map((code) => {
    const { cls, text } = model.cellOf(code);
    const path = `<path class="c${cls}" data-c="${code}" d="${map.municipalities[code]}"><title>${escapeHtml(text)}</title></path>`;
    const href = model.hrefOf?.(code);
    return href ? `<a href="${escapeHtml(href)}">${path}</a>` : path;
  });
  const outline = model.regional ? map.regionals[model.regional] ?? '' : map.regionalBorders + map.border;
  const titleId = `${model.id}-t`;
  return html`<figure class="mapa" id="${model.id}">
<style>${trusted(style)}</style>
<svg viewBox="${box.join(' ')}" role="img" aria-labelledby="${titleId}" preserveAspectRatio="xMidYMid meet"><title id="${titleId}">${model.title}</title><g class="m">${trusted(paths.join(''))}</g><path class="r" d="${trusted(outline)}"/></svg>
<figcaption><p class="map-caption" aria-live="polite">Toque ou passe o cursor sobre um município para ver o nome e os números.</p>
<ul class="legenda">${model.classes.map((c, i) => html`<li data-class="${i}" data-min="${c.min ?? ''}" data-max="${c.max ?? ''}"><span class="sw" style="background:${c.color}"></span>${c.label}</li>`)}</ul>
</figcaption></figure>`;
}
