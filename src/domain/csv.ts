/**
 * CSV for spreadsheet programs in Brazil: `;` separator (Excel pt-BR's default), CRLF line ends,
 * RFC 4180 quoting, a UTF-8 BOM so accents show, and formula injection neutralised: a text cell
 * starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe (OWASP's advice), so a
 * title typed by an agent can never run as a formula.
 */
export const CSV_SEPARATOR = ';';
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR);
}

/** The whole file: BOM, header, rows, each line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [header, ...rows].map((r) => `${csvLine(r)}\r\n`).join('');
}
