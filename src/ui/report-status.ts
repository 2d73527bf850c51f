// first-load module: the one-line status of a report, from its row and its outbox row.
import type { OutboxItem } from '../domain/outbox';
import type { ReportDraft } from '../domain/report';
import { isSettled } from '../domain/status';
import { formatKilobytes as kb } from './format';
import { noteText, STATUS_LABEL } from './messages';

/** A send is "live" if its progress was touched in the last two minutes (else the tab died). */
export const isSending = (item: OutboxItem | undefined, now: number) => Boolean(item?.progress && now - item.progress.at < 120_000);

export function statusLine(report: ReportDraft, item: OutboxItem | undefined, now = Date.now()): { label: string; detail?: string } {
  if (report.status === 'queued' && item) {
    if (isSending(item, now)) {
      const p = item.progress!;
      const photo = Math.min(p.photosDone + 1, p.photosTotal);
      return {
        label: 'Enviando',
        detail: p.photosDone < p.photosTotal ? `foto ${photo} de ${p.photosTotal}, ${kb(p.bytesDone)} de ${kb(p.bytesTotal)}` : 'enviando o relatório',
      };
    }
    return { label: STATUS_LABEL.queued, detail: noteText(item.lastError) };
  }
  if (report.status === 'received' || isSettled(report.status)) {
    return { label: STATUS_LABEL[report.status], detail: [report.protocol && `protocolo ${report.protocol}`, noteText(report.statusNote)].filter(Boolean).join(' — ') || undefined };
  }
  return { label: STATUS_LABEL[report.status], detail: noteText(report.statusNote) };
}
