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

const TIMINGS = ['on_time', 'late', 'missing', 'open'] as const;

/** GET /api/v1/deadlines/status: each municipality's standing for one month. */
export const DeadlineStatusResponseSchema = z.object({
  period: z.string(),
  dueDate: z.string(),
  today: z.string(),
  regional: z.nullable(z.string()),
  municipalities: z.array(
    z.object({ code: z.string(), name: z.string(), regional: z.string(), timing: z.enum(TIMINGS), firstReceivedAt: z.nullable(z.string()) }),
  ),
});
export type DeadlineStatusResponse = z.infer<typeof DeadlineStatusResponseSchema>;

const Counts = { onTime: z.number(), late: z.number(), missing: z.number(), open: z.number() };

/** GET /api/v1/panel/deadlines: on time / late / missing / open per month and regional unit. */
export const PanelDeadlinesResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  regional: z.nullable(z.string()),
  today: z.string(),
  byMonth: z.array(z.object({ period: z.string(), dueDate: z.string(), ...Counts })),
  byRegional: z.array(z.object({ regional: z.string(), ...Counts })),
});
export type PanelDeadlinesResponse = z.infer<typeof PanelDeadlinesResponseSchema>;
