// Bulk import of agent accounts from a spreadsheet (#13): parse the CSV, map its columns, and find
// every row's problems in Portuguese. Pure: what exists in the database comes in as a parameter.
import { EMAIL_RE, IMPORT_MAX_ROWS, isPhone, type ImportProblemCode, type ImportRow } from '../../src/domain/accounts-api.ts';
import { allMunicipalities, findMunicipality, type Municipality } from '../../src/domain/municipality.ts';
import { foldForSearch } from '../../src/domain/text.ts';
import { inScope, type Scope } from '../auth/scope.ts';

export class CsvError extends Error {
  constructor(readonly code: 'invalid_csv' | 'too_many_rows', message: string) {
    super(message);
  }
}

/** RFC 4180 records with `sep`; quoted cells may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string, sep: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), records.push(row);
  return records.filter((r) => r.some((c) => c.trim() !== ''));
}

/** `;` or `,`: whichever the header line has more of (outside quotes is close enough for a header). */
export function detectSeparator(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

const COLUMNS = {
  municipality: ['municipio', 'codigo', 'codigo ibge', 'ibge', 'municipio ou codigo ibge', 'codigo do municipio', 'cidade'],
  name: ['nome', 'nome completo', 'agente'],
  phone: ['telefone', 'celular', 'whatsapp', 'fone'],
  email: ['email', 'e mail', 'correio eletronico'],
} as const;
type Column = keyof typeof COLUMNS;

export interface ParsedRow {
  line: number;
  municipality: string;
  name: string;
  phone: string;
  email: string;
}

/** The file's rows with their line numbers (the header is line 1). Throws CsvError. */
export function readImportCsv(raw: string): ParsedRow[] {
  if (raw.includes('\uFFFD')) {
    throw new CsvError('invalid_csv', 'O arquivo não está em UTF-8 (há letras que não puderam ser lidas). No Excel, salve como "CSV UTF-8 (delimitado por vírgulas)".');
  }
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const records = parseCsv(text, detectSeparator(firstLine));
  if (records.length === 0) throw new CsvError('invalid_csv', 'O arquivo está vazio. Use o modelo: municipio;nome;telefone;email.');
  const header = records[0].map((h) => foldForSearch(h));
  const index = {} as Record<Column, number>;
  for (const col of Object.keys(COLUMNS) as Column[]) index[col] = header.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
  const missing = (['municipality', 'name'] as Column[]).filter((c) => index[c] < 0);
  if (missing.length) {
    throw new CsvError('invalid_csv', `A primeira linha deve ter os títulos das colunas: municipio;nome;telefone;email (faltam: ${missing.map((c) => (c === 'name' ? 'nome' : 'municipio')).join(', ')}).`);
  }
  const rows = records.slice(1);
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new CsvError('too_many_rows', `O arquivo tem ${rows.length.toLocaleString('pt-BR')} linhas; uma importação aceita até ${IMPORT_MAX_ROWS.toLocaleString('pt-BR')}. Divida o arquivo (por exemplo, por unidade regional) e importe cada parte.`);
  }
  // Line numbers count physical records; quoted line breaks are rare in these files.
  return rows.map((r, i) => {
    const get = (c: Column) => (index[c] >= 0 ? (r[index[c]] ?? '').trim() : '');
    return { line: i + 2, municipality: get('municipality'), name: get('name').replace(/\s+/g, ' '), phone: get('phone'), email: get('email') };
  });
}

let byName: Map<string, Municipality> | undefined;

/** By IBGE code (7 digits) or by name, ignoring accents and case. */
export function lookupMunicipality(value: string): Municipality | undefined {
  if (/^\d{7}$/.test(value)) return findMunicipality(value);
  byName ??= new Map(allMunicipalities().map((m) => [foldForSearch(m.name), m]));
  return byName.get(foldForSearch(value));
}

const FORMULA = /^[=+\-@\t\r]/;

export interface Existing {
  municipality_code: string | null;
  name: string;
  email: string | null;
}

const PROBLEM_TEXT: Record<ImportProblemCode, (r: ParsedRow, extra?: string) => string> = {
  unknown_municipality: (r) => (r.municipality ? `Município "${r.municipality}" não encontrado em Minas Gerais.` : 'Município não informado.'),
  out_of_scope: (_r, regional) => `Este município não pertence à sua unidade regional (é da unidade ${regional}).`,
  duplicate_in_file: (_r, line) => `Repetida no arquivo: mesma pessoa da linha ${line}.`,
  existing_account: () => 'Já existe uma conta para esta pessoa (mesmo nome no município, ou mesmo e-mail). Nada será criado.',
  missing_name: () => 'Nome não informado.',
  formula: (_r, col) => `A coluna ${col} começa com =, +, - ou @ (parece uma fórmula de planilha). Corrija a célula.`,
  invalid_phone: (r) => `Telefone "${r.phone}" inválido: use DDD e número, por exemplo (31) 99999-0000.`,
  invalid_email: (r) => `E-mail "${r.email}" inválido.`,
};

export interface CheckedRow extends ImportRow {
  /** set when the row has no problem: what to create */
  ready: boolean;
}

/** Every row with its problems. `existing` = accounts already stored (see AdminStore.existingForImport). */
export function checkImportRows(rows: ParsedRow[], scope: Scope, existing: Existing[]): CheckedRow[] {
  const existingKeys = new Set(existing.filter((e) => e.municipality_code).map((e) => `${e.municipality_code}|${foldForSearch(e.name)}`));
  const existingEmails = new Set(existing.flatMap((e) => (e.email ? [e.email.toLowerCase()] : [])));
  const seen = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  return rows.map((r) => {
    const problems: ImportRow['problems'] = [];
    const add = (code: ImportProblemCode, extra?: string) => problems.push({ code, message: PROBLEM_TEXT[code](r, extra) });
    const m = lookupMunicipality(r.municipality);
    for (const [col, value] of [['município', r.municipality], ['nome', r.name], ['e-mail', r.email]] as const) {
      if (FORMULA.test(value)) add('formula', col);
    }
    if (FORMULA.test(r.phone) && !isPhone(r.phone)) add('formula', 'telefone');
    if (!m) add('unknown_municipality');
    else if (!inScope(scope, m.code)) add('out_of_scope', m.regional);
    if (foldForSearch(r.name).length < 2) add('missing_name');
    if (r.phone && !isPhone(r.phone) && !FORMULA.test(r.phone)) add('invalid_phone');
    if (r.email && !EMAIL_RE.test(r.email) && !FORMULA.test(r.email)) add('invalid_email');
    if (m && r.name) {
      const key = `${m.code}|${foldForSearch(r.name)}`;
      const email = r.email.toLowerCase();
      const dupLine = seen.get(key) ?? (email ? seenEmail.get(email) : undefined);
      if (dupLine) add('duplicate_in_file', String(dupLine));
      else if (existingKeys.has(key) || (email && existingEmails.has(email))) add('existing_account');
      if (!seen.has(key)) seen.set(key, r.line);
      if (email && !seenEmail.has(email)) seenEmail.set(email, r.line);
    }
    return {
      line: r.line,
      municipality: r.municipality,
      municipalityCode: m?.code ?? null,
      municipalityName: m?.name ?? null,
      name: r.name,
      phone: r.phone,
      email: r.email,
      problems,
      ready: problems.length === 0,
    };
  });
}
