/** The due-date rule the central level sets (GET/PUT /api/v1/deadlines). Pure rules: deadline.ts. */
import * as z from 'zod/mini';
import { PERIOD_RE } from './period';

const Day = z.int({ error: 'dia inválido (1 a 31)' }).check(z.gte(1, { error: 'dia inválido (1 a 31)' }), z.lte(31, { error: 'dia inválido (1 a 31)' }));

/** A day past the end of the month means its last day. */
export const DeadlineSettingsSchema = z.strictObject({
  /** day of month M+1 on which the report of month M is due */
  defaultDay: Day,
  /** "2027" → day: the reports of every month of that year */
  years: z.record(z.string().check(z.regex(/^\d{4}$/, { error: 'ano inválido (AAAA)' })), Day),
  /** "2026-12" → day: the report of that month (wins over its year) */
  periods: z.record(z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' })), Day),
});
export type DeadlineSettings = z.infer<typeof DeadlineSettingsSchema>;
