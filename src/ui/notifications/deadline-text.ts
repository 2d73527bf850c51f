// first-load module: the due date as the agent's list says it.
import { deadlineState, type DeadlineSettings } from '../../domain/deadline';
import { formatDate } from '../../domain/period';
import type { ReportStatus } from '../../domain/report';

const dayMonth = (date: string) => formatDate(date).slice(0, 5);

/** "Prazo: 10/12 — faltam 3 dias", "Prazo: hoje (10/12)", "Atrasado desde 10/12". */
export function dueDateText(period: string, today: string, settings?: DeadlineSettings): { text: string; late: boolean; soon: boolean } {
  const { dueDate, daysLeft } = deadlineState(period, today, settings);
  const when = dayMonth(dueDate);
  if (daysLeft < 0) return { text: `Atrasado desde ${when}`, late: true, soon: false };
  if (daysLeft === 0) return { text: `Prazo: hoje (${when})`, late: false, soon: true };
  return { text: `Prazo: ${when} — ${daysLeft === 1 ? 'falta 1 dia' : `faltam ${daysLeft} dias`}`, late: false, soon: daysLeft <= 3 };
}

/** A report whose due date still concerns the agent: not delivered yet. */
export const awaitsSending = (status: ReportStatus) => status === 'draft' || status === 'queued' || status === 'needs_fix';
