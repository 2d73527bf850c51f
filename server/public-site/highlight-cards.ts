// Highlight cards: public title and text, municipality, date, theme, and the chosen photos (served
// re-encoded, without EXIF, from /publico/fotos/).
import { findMunicipality } from '../../src/domain/municipality.ts';
import { formatDate } from '../../src/domain/period.ts';
import { ACTION_TYPES, labelOf, THEMES } from '../../src/domain/vocabulary.ts';
import { html, type Html } from './html.ts';
import { PUBLIC_PREFIX } from './layout.ts';

export interface PublicHighlight {
  id: string;
  title: string;
  text: string;
  municipalityCode: string;
  period: string;
  /** YYYY-MM-DD */
  date: string;
  themes: string[];
  actionType: string;
  photos: { publicId: string; width: number; height: number }[];
}

export const photoUrl = (publicId: string, size: 'mini' | 'grande') => `${PUBLIC_PREFIX}/fotos/${publicId}-${size}.jpg`;

export function highlightCards(list: readonly PublicHighlight[], empty: string): Html {
  if (!list.length) return html`<p>${empty}</p>`;
  return html`<ul class="cards">${list.map((h) => {
    const m = findMunicipality(h.municipalityCode);
    return html`<li><article aria-labelledby="d-${h.id}">${h.photos.length ? html`<div class="photos">${h.photos.map(
      (p, i) => html`<a href="${photoUrl(p.publicId, 'grande')}"><img src="${photoUrl(p.publicId, 'mini')}" width="${Math.round((180 * p.width) / p.height)}" height="180" loading="lazy" alt="Foto ${i + 1} da ação ${h.title}"></a>`,
    )}</div>` : ''}<div class="txt"><h3 id="d-${h.id}">${h.title}</h3>
<p class="meta">${m?.name ?? h.municipalityCode} (unidade regional ${m?.regional ?? ''}) · ${formatDate(h.date)} · ${labelOf(ACTION_TYPES, h.actionType)}</p>
<p class="meta">${h.themes.map((t) => labelOf(THEMES, t)).join(', ')}</p>
<p>${h.text}</p></div></article></li>`;
  })}</ul>`;
}
