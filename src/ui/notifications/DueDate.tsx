// first-load module: the due-date line of a report card, and the notice for a month not started.
import { toIsoDate, formatPeriod } from '../../domain/period';
import { shiftPeriod, periodOfDate } from '../../domain/period';
import { daysBetween, dueDateOf, type DeadlineSettings } from '../../domain/deadline';
import type { ReportStatus } from '../../domain/report';
import { awaitsSending, dueDateText } from './deadline-text';

export function DueDate({ period, status, settings }: { period: string; status: ReportStatus; settings?: DeadlineSettings }) {
  if (!awaitsSending(status)) return null;
  const due = dueDateText(period, toIsoDate(new Date()), settings);
  return <span class={`card-due${due.late ? ' late' : due.soon ? ' soon' : ''}`} data-testid="due-date">{due.text}</span>;
}

/**
 * Last month's report not even started on this phone: say when it is due (until a month after
 * the due date), with a button to start it.
 */
export function MissingMonthNotice({ existing, settings, onStart }: { existing: Set<string>; settings?: DeadlineSettings; onStart(period: string): void }) {
  const now = new Date();
  const today = toIsoDate(now);
  const period = shiftPeriod(periodOfDate(now), -1);
  if (existing.has(period) || daysBetween(dueDateOf(period, settings), today) > 31) return null;
  const due = dueDateText(period, today, settings);
  return (
    <div class={`due-notice${due.late ? ' late' : ''}`} role="status" data-testid="due-notice">
      <p>
        Relatório de {formatPeriod(period)} ainda não começado. <strong>{due.text}</strong>
      </p>
      <button type="button" class="button" onClick={() => onStart(period)}>Começar o relatório de {formatPeriod(period)}</button>
    </div>
  );
}
