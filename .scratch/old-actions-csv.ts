import { findMunicipality } from '../src/domain/municipality.ts';
import { formatDate } from '../src/domain/period.ts';
import type { ServerReportStatus } from '../src/domain/report.ts';
import { ACTION_TYPES, AUDIENCES, PARTNER_SECTORS, THEMES, ZONES, type Option } from '../src/domain/vocabulary.ts';
import type { ExportRow } from './old-panel-store.ts';
import { csvDocument } from '../server/export/csv.ts';

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

/** One row per action of the latest revision of each report; labels, not slugs. */
export function actionsCsv(reports: readonly ExportRow[]): string {
  const rows = reports.flatMap((r) => {
    const m = findMunicipality(r.municipalityCode);
    const s = r.submission;
    return s.actions.map((a) => [
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
    ]);
  });
  return csvDocument(ACTIONS_CSV_HEADER, rows);
}
