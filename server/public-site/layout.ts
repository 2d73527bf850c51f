// The frame of every public page: pt-BR, indexable, one inline stylesheet (no extra round trip on
// 3G) with a print style, navigation, and the "dados de" stamp.
import { html, trusted, type Html } from './html.ts';
import { PUBLIC_CSS } from './styles.ts';

export const PUBLIC_PREFIX = '/publico';

export interface PageOptions {
  title: string;
  description: string;
  /** path of this page, for the canonical link */
  path: string;
  /** scheme://host the visitor used (canonical links must be absolute) */
  origin: string;
  /** which navigation item is current */
  nav: 'balanco' | 'destaques' | 'campanhas' | 'materiais' | 'parceiros';
  /** when the figures were computed; shown as "dados de …" */
  generatedAt?: Date;
  /** load /publico/mapa.js (the map's tap caption) */
  mapScript?: boolean;
  body: Html;
}

const stampFormat = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Sao_Paulo' });

/** "23/11/2026, 09:00" in Brasília time. */
export function formatStamp(d: Date): string {
  return stampFormat.format(d);
}

export function page(o: PageOptions): Html {
  const item = (key: PageOptions['nav'], href: string, label: string) =>
    html`<li><a href="${href}"${o.nav === key ? trusted(' aria-current="page"') : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Rede de Mobilização Social · SES-MG</title>
<meta name="description" content="${o.description}">
<link rel="canonical" href="${o.origin}${o.path}">
<link rel="icon" href="/icons/icon-192.png" type="image/png">
<meta name="theme-color" content="#0b5394">
<style>${trusted(PUBLIC_CSS)}</style>
${o.mapScript ? html`<script src="${PUBLIC_PREFIX}/mapa.js" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#conteudo">Ir para o conteúdo</a>
<header class="top"><p class="brand">Rede Estadual de Mobilização Social em Saúde · Minas Gerais</p>
<nav aria-label="Seções"><ul>${item('balanco', PUBLIC_PREFIX, 'Balanço e mapa')}${item('destaques', `${PUBLIC_PREFIX}/destaques`, 'Destaques do mês')}${item('campanhas', `${PUBLIC_PREFIX}/campanhas`, 'Calendário de campanhas')}${item('materiais', `${PUBLIC_PREFIX}/materiais`, 'Materiais')}${item('parceiros', `${PUBLIC_PREFIX}/parceiros`, 'Seja um Parceiro da Saúde')}</ul></nav></header>
<main id="conteudo">
${o.body}
</main>
<footer><p>${o.generatedAt ? html`Dados de ${formatStamp(o.generatedAt)} (horário de Brasília). ` : ''}Números agregados dos relatórios mensais dos municípios; nenhum dado pessoal é publicado. Secretaria de Estado de Saúde de Minas Gerais.</p></footer>
</body>
</html>`;
}
