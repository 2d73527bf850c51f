// What each notification says, in Portuguese. Short: a phone shows about two lines.
import { formatDate, formatPeriod } from '../../src/domain/period.ts';
import type { PushPayload } from '../../src/domain/push.ts';

const COMMENT_CHARS = 120;

/** The start of a reviewer's comment, cut at a word boundary. */
export function commentStart(comment: string | null | undefined, max = COMMENT_CHARS): string {
  const text = (comment ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}

const reportUrl = (reportId: string) => `/#/relatorio/${reportId}`;
const dayMonth = (date: string) => formatDate(date).slice(0, 5);

export function reviewPayload(
  kind: 'report_returned' | 'report_approved' | 'report_consolidated',
  r: { reportId: string; period: string; comment?: string | null },
): PushPayload {
  const month = formatPeriod(r.period);
  const base = { kind, url: reportUrl(r.reportId), tag: `report:${r.reportId}`, reportId: r.reportId };
  if (kind === 'report_returned') {
    const comment = commentStart(r.comment);
    return { ...base, title: `Relatório de ${month} devolvido`, body: comment ? `Corrigir: ${comment}` : 'A regional pediu correções. Toque para ver.' };
  }
  if (kind === 'report_approved') {
    return { ...base, title: `Relatório de ${month} aprovado`, body: 'A regional aprovou o relatório e o encaminhou ao nível central.' };
  }
  return { ...base, title: `Relatório de ${month} consolidado`, body: 'O nível central consolidou o relatório. Nada mais a fazer.' };
}

export function deadlinePayload(kind: 'deadline_soon' | 'deadline_passed', period: string, dueDate: string, daysLeft: number): PushPayload {
  const month = formatPeriod(period);
  const base = { kind, url: '/#/', tag: `deadline:${period}` };
  if (kind === 'deadline_soon') {
    const left = daysLeft === 0 ? 'vence hoje' : daysLeft === 1 ? 'falta 1 dia' : `faltam ${daysLeft} dias`;
    return { ...base, title: 'Prazo do relatório se aproxima', body: `O relatório de ${month} deve ser enviado até ${dayMonth(dueDate)} (${left}).` };
  }
  return { ...base, title: 'Prazo do relatório vencido', body: `O prazo do relatório de ${month} venceu em ${dayMonth(dueDate)}. Envie assim que puder.` };
}

export function digestPayload(waiting: number, fresh: number): PushPayload {
  const what = waiting === 1 ? '1 relatório aguarda revisão' : `${waiting} relatórios aguardam revisão`;
  const news = fresh === 0 ? '' : fresh === 1 ? ' (1 novo desde ontem)' : ` (${fresh} novos desde ontem)`;
  return { kind: 'regional_digest', title: 'Relatórios para revisar', body: `${what}${news}.`, url: '/#/revisao', tag: 'digest' };
}

export function testPayload(): PushPayload {
  return { kind: 'test', title: 'Notificação de teste', body: 'As notificações do Mobiliza funcionam neste aparelho.', url: '/#/configuracoes', tag: 'test' };
}
