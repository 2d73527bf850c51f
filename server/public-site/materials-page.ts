// /publico/materiais (#16): the month's campaign pieces and the workshop tutorials, for partners
// and visitors. Tutorial steps are plain text: escaped, one list item per line — never HTML.
import type { Material } from '../../src/domain/material.ts';
import { formatPeriod } from '../../src/domain/period.ts';
import { html, type Html } from './html.ts';
import { PUBLIC_PREFIX } from './layout.ts';

export const WORKSHOP_TITLE: Record<NonNullable<Material['workshop']>, string> = {
  capacitacao: 'Oficina de capacitação',
  reciclagem: 'Oficina de reciclagem de resíduos',
  teatro: 'Oficina de teatro',
};

const fileUrl = (m: Material) => `${PUBLIC_PREFIX}/materiais/${m.id}/${encodeURIComponent(m.fileName ?? '')}`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function fileLinks(m: Material): Html | '' {
  if (!m.fileName || !m.mimeType) return '';
  const preview = m.mimeType.startsWith('image/') ? html`<img src="${fileUrl(m)}" alt="" loading="lazy" width="320">` : '';
  return html`${preview}<p><a href="${fileUrl(m)}">Abrir</a> · <a href="${fileUrl(m)}?baixar" download="${m.fileName}">Baixar (${m.mimeType === 'application/pdf' ? 'PDF' : 'imagem'}, ${size(m.byteSize)})</a></p>`;
}

/** Steps as text: each non-empty line is one step. */
export function stepList(steps: string): Html {
  const lines = steps.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return html`<ol class="steps">${lines.map((l) => html`<li>${l}</li>`)}</ol>`;
}

export function materialsBody(month: string, list: Material[]): Html {
  const pieces = list.filter((m) => m.kind === 'piece');
  const tutorials = list.filter((m) => m.kind === 'tutorial');
  return html`<h1>Materiais para compartilhar</h1>
<p>Peças digitais das campanhas de ${formatPeriod(month)} e tutoriais das oficinas, publicados pela SES-MG para agentes e Parceiros da Saúde.</p>
<h2>Peças de ${formatPeriod(month)}</h2>
${pieces.length ? pieces.map((m) => html`<section class="card"><h3>${m.title}</h3><p>${m.campaign}</p>${fileLinks(m)}</section>`) : html`<p>Nenhuma peça publicada para este mês.</p>`}
<h2>Tutoriais das oficinas</h2>
${tutorials.length ? tutorials.map((m) => html`<section class="card"><h3>${m.title}</h3><p>${m.workshop ? WORKSHOP_TITLE[m.workshop] : ''}</p>${m.steps ? stepList(m.steps) : ''}${fileLinks(m)}</section>`) : html`<p>Nenhum tutorial publicado.</p>`}`;
}
