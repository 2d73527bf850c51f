// first-load module
/**
 * The due date of a monthly report, shared by the phone, the service worker and the endpoint.
 * The report of month M is due on day D of month M+1. The central level sets D (default 10) and
 * may set exceptions for a whole year or for one month; dates are calendar dates ("YYYY-MM-DD").
 */
import type { DeadlineSettings } from './deadline-settings';
import { daysInMonth, shiftPeriod } from './period';

export type { DeadlineSettings };

export const DEFAULT_DUE_DAY = 10;

export const DEFAULT_DEADLINES: DeadlineSettings = { defaultDay: DEFAULT_DUE_DAY, years: {}, periods: {} };

const pad = (n: number) => String(n).padStart(2, '0');

/** The due date ("YYYY-MM-DD") of the report of `period`. */
export function dueDateOf(period: string, settings: DeadlineSettings = DEFAULT_DEADLINES): string {
  const day = settings.periods[period] ?? settings.years[period.slice(0, 4)] ?? settings.defaultDay;
  const next = shiftPeriod(period, 1);
  const [y, m] = next.split('-').map(Number);
  return `${next}-${pad(Math.min(day, daysInMonth(y, m)))}`;
}

const utcDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return utcDay(to) - utcDay(from);
}

/** Brazil has had no daylight saving time since 2019: the state's calendar is UTC−3. */
export const BRAZIL_UTC_OFFSET_MINUTES = -180;

/** The calendar date in Minas Gerais at instant `now` (the endpoint's "today"). */
export function dateInBrazil(now: Date): string {
  return new Date(now.getTime() + BRAZIL_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

export interface DeadlineState {
  dueDate: string;
  /** days from today to the due date: 0 on the day itself, negative once it has passed */
  daysLeft: number;
}

export function deadlineState(period: string, today: string, settings?: DeadlineSettings): DeadlineState {
  const dueDate = dueDateOf(period, settings);
  return { dueDate, daysLeft: daysBetween(today, dueDate) };
}

/** How a municipality stands for one month: sent on time, sent late, not sent and overdue, or still open. */
export type SubmissionTiming = 'on_time' | 'late' | 'missing' | 'open';

/** `firstSentOn`: the date ("YYYY-MM-DD", Brazil) the report of `period` first reached the endpoint. */
export function submissionTiming(period: string, firstSentOn: string | undefined, today: string, settings?: DeadlineSettings): SubmissionTiming {
  const due = dueDateOf(period, settings);
  if (firstSentOn) return firstSentOn <= due ? 'on_time' : 'late';
  return today > due ? 'missing' : 'open';
}

export type ReminderKind = 'deadline_soon' | 'deadline_passed';

/** Days before the due date when "prazo se aproxima" goes out. */
export const REMINDER_DAYS_BEFORE = 3;
/**
 * "Prazo vencido" is due from the day after until this many days later: an endpoint that was down
 * that day sends it when it comes back (once: the outbox key makes repeats impossible), never weeks
 * late. "Prazo se aproxima" likewise stays due until the due date itself.
 */
export const REMINDER_GRACE_DAYS = 3;

/**
 * The deadline reminders due `today`: "prazo se aproxima" from 3 days before the due date (until
 * the day itself), "prazo vencido" from the day after (for a few days). Only the report of the
 * previous month — and the one before, when its due date is late in the month — can be concerned.
 */
export function remindersDue(today: string, settings?: DeadlineSettings): { kind: ReminderKind; period: string; dueDate: string }[] {
  const out: { kind: ReminderKind; period: string; dueDate: string }[] = [];
  const current = today.slice(0, 7);
  for (const period of [shiftPeriod(current, -2), shiftPeriod(current, -1)]) {
    const dueDate = dueDateOf(period, settings);
    const left = daysBetween(today, dueDate);
    if (left >= 0 && left <= REMINDER_DAYS_BEFORE) {
      out.push({ kind: 'deadline_soon', period, dueDate });
    }
    if (left <= -1 && -left - 1 <= REMINDER_GRACE_DAYS) out.push({ kind: 'deadline_passed', period, dueDate });
  }
  return out;
}
