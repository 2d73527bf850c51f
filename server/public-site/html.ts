// A tagged template for server-rendered HTML: every interpolated value is escaped unless it is
// already Html (built by `html` itself or by `trusted`). Arrays are joined.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup made by our own code (SVG path data, CSS): not escaped. */
export function trusted(text: string): Html {
  return new Html(text);
}

const nf = new Intl.NumberFormat('pt-BR');
/** 12.345 */
export const num = (n: number): string => nf.format(n);
/** "1 ação" / "3 ações" */
export const plural = (n: number, one: string, many: string): string => `${num(n)} ${n === 1 ? one : many}`;
