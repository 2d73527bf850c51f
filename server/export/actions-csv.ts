import { findMunicipality } from '../../src/domain/municipality.ts';
import { formatDate } from '../../src/domain/period.ts';
import type { ServerReportStatus } from '../../src/domain/report.ts';
import { ACTION_TYPES, AUDIENCES, PARTNER_SECTORS, THEMES, ZONES, type Option } from '../../src/domain/vocabulary.ts';
import type { ExportRow } from '../store/export-store.ts';
import { BOM, csvLine } from './csv.ts';

const STATUS_LABELS: Record<ServerReportStatus, string> = {
  received: 'Recebido',
  returned: 'Devolvido para correção',
  approved: 'Aprovado',
  consolidated: 'Consolidado',
};

const label = (list: readonly Option[], value: string | undefined) =>
  value === undefined ? '' : list.find((o) => o.value === value)?.label ?? value;
const labels = (list: readonly Option[], values: readonly string[] | undefined) =>
  (values ?? []).map((v) => label(list, v)).join(', ');

const whenFormat = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Sao_Paulo' });

export const ACTIONS_CSV_HEADER = [
  'Protocolo', 'Situação', 'Revisão', 'Recebido em', 'Mês de referência', 'Código IBGE', 'Município', 'Unidade regional',
  'Responsável', 'Ação nº', 'Data', 'Título', 'Tipo de ação', 'Tipo (outro)', 'Temas', 'Outro tema', 'Local', 'Zona',
  'Público', 'Outro público', 'Participantes', 'Parceiros', 'Descrição', 'Fotos',
] as const;

/** The file's first bytes: BOM and header line. */
export const ACTIONS_CSV_START = BOM + `${csvLine(ACTIONS_CSV_HEADER)}\r\n`;

/** The lines of one report: one per action of its latest revision; labels, not slugs. */
export function actionCsvLines(r: ExportRow): string {
  const m = findMunicipality(r.municipalityCode);
  const s = r.submission;
  let out = '';
  for (const a of s.actions) {
    out += `${csvLine([
      r.protocol,
      STATUS_LABELS[r.status],
      r.revision,
      whenFormat.format(r.receivedAt),
      r.period,
      r.municipalityCode,
      m?.name ?? '',
      m?.regional ?? '',
      s.responsible.name,
      a.number,
      formatDate(a.date),
      a.title,
      label(ACTION_TYPES, a.type),
      a.typeOther ?? '',
      labels(THEMES, a.themes),
      a.themeOther ?? '',
      a.place.description,
      label(ZONES, a.place.zone),
      labels(AUDIENCES, a.audience),
      a.audienceOther ?? '',
      a.participants,
      a.partners.map((p) => `${p.name} (${label(PARTNER_SECTORS, p.sector)})`).join(', '),
      a.description,
      a.photos.length,
    ])}\r\n`;
  }
  return out;
}

/**
 * The CSV as it is written: the first chunk (BOM, header and the first report) is produced before
 * anything is sent, so a database failure still becomes a proper error answer; after that one
 * chunk per report, so the reply's buffer (which applies backpressure from ~64 KB on) never holds
 * more than a report beyond it. Memory is bounded by one batch, whatever the range.
 */
export async function* actionsCsvChunks(batches: AsyncIterable<readonly ExportRow[]>): AsyncGenerator<string, void, undefined> {
  let first = ACTIONS_CSV_START;
  for await (const batch of batches) {
    for (const r of batch) {
      yield first + actionCsvLines(r);
      first = '';
    }
  }
  if (first) yield first;
}
