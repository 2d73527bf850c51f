import { describe, expect, it } from 'vitest';
import { DeadlineSettingsSchema } from '../../src/domain/deadline-settings';
import {
  DEFAULT_DEADLINES, dateInBrazil, daysBetween, deadlineState, dueDateOf, remindersDue, submissionTiming,
} from '../../src/domain/deadline';

const settings = { defaultDay: 10, years: { '2027': 15 }, periods: { '2026-12': 20, '2027-01': 31 } };

describe('due dates', () => {
  it('the report of month M is due on day D of month M+1, across the year end', () => {
    expect(dueDateOf('2026-11')).toBe('2026-12-10');
    expect(dueDateOf('2026-10', DEFAULT_DEADLINES)).toBe('2026-11-10');
    expect(dueDateOf('2025-12')).toBe('2026-01-10');
  });

  it('a month exception wins over its year, a year over the default; past the month end means its last day', () => {
    expect(dueDateOf('2026-12', settings)).toBe('2027-01-20');
    expect(dueDateOf('2027-03', settings)).toBe('2027-04-15');
    expect(dueDateOf('2027-01', settings)).toBe('2027-02-28');
    expect(dueDateOf('2026-11', settings)).toBe('2026-12-10');
  });

  it('days left count calendar days; 0 on the day, negative after', () => {
    expect(daysBetween('2026-12-07', '2026-12-10')).toBe(3);
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(deadlineState('2026-11', '2026-12-10')).toEqual({ dueDate: '2026-12-10', daysLeft: 0 });
    expect(deadlineState('2026-11', '2026-12-12')).toEqual({ dueDate: '2026-12-10', daysLeft: -2 });
  });

  it('"today" on the endpoint is the date in Minas Gerais (UTC−3)', () => {
    expect(dateInBrazil(new Date('2026-12-11T02:59:00Z'))).toBe('2026-12-10');
    expect(dateInBrazil(new Date('2026-12-11T03:00:00Z'))).toBe('2026-12-11');
  });

  it('timing: sent by the due date is on time, after it late; not sent is open until the due date, then missing', () => {
    expect(submissionTiming('2026-11', '2026-12-10', '2026-12-20')).toBe('on_time');
    expect(submissionTiming('2026-11', '2026-12-11', '2026-12-20')).toBe('late');
    expect(submissionTiming('2026-11', undefined, '2026-12-10')).toBe('open');
    expect(submissionTiming('2026-11', undefined, '2026-12-11')).toBe('missing');
  });

  it('reminders: "se aproxima" from 3 days before until the day, "vencido" from the day after for 3 days', () => {
    const on = (today: string) => remindersDue(today).map((r) => `${r.kind}:${r.period}`);
    expect(on('2026-12-06')).toEqual([]);
    expect(on('2026-12-07')).toEqual(['deadline_soon:2026-11']);
    expect(on('2026-12-10')).toEqual(['deadline_soon:2026-11']);
    expect(on('2026-12-11')).toEqual(['deadline_passed:2026-11']);
    expect(on('2026-12-14')).toEqual(['deadline_passed:2026-11']);
    expect(on('2026-12-15')).toEqual([]);
    // A due date in the next month but one (exception: December's report due 2027-01-20 → reminders in January).
    expect(remindersDue('2027-01-17', settings).map((r) => `${r.kind}:${r.period}`)).toEqual(['deadline_soon:2026-12']);
    expect(remindersDue('2027-01-21', settings).map((r) => r.dueDate)).toEqual(['2027-01-20']);
  });

  it('the settings schema refuses bad days, years and months', () => {
    expect(DeadlineSettingsSchema.safeParse(settings).success).toBe(true);
    expect(DeadlineSettingsSchema.safeParse({ ...settings, defaultDay: 0 }).success).toBe(false);
    expect(DeadlineSettingsSchema.safeParse({ ...settings, years: { '27': 10 } }).success).toBe(false);
    expect(DeadlineSettingsSchema.safeParse({ ...settings, periods: { '2026-13': 10 } }).success).toBe(false);
    expect(DeadlineSettingsSchema.safeParse({ ...settings, extra: 1 }).success).toBe(false);
  });
});
