// first-load module
/** Monthly periods ("YYYY-MM") and calendar dates ("YYYY-MM-DD"), on the local calendar. */

export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const MONTHS = [
  'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho',
  'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro',
];

const pad = (n: number) => String(n).padStart(2, '0');

export function toIsoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function periodOfDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** True for a real calendar date (rejects 2026-02-30). */
export function isRealDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

export function periodBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split('-').map(Number);
  return { first: `${period}-01`, last: `${period}-${pad(daysInMonth(y, m))}` };
}

/** "novembro de 2026" */
export function formatPeriod(period: string): string {
  const m = PERIOD_RE.exec(period);
  if (!m) return period;
  return `${MONTHS[Number(m[2]) - 1]} de ${m[1]}`;
}

/** "Novembro de 2026" (for titles) */
export function formatPeriodTitle(period: string): string {
  const text = formatPeriod(period);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "23/11/2026" */
export function formatDate(date: string): string {
  const m = DATE_RE.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(y, m - 1 + months, 1);
  return periodOfDate(d);
}

/** Latest date an action may have: today plus one day of clock skew. */
export function latestAllowedDate(now: Date): string {
  return toIsoDate(new Date(now.getTime() + 24 * 3600 * 1000));
}

/** Periods from `from` to `to` inclusive, oldest first. */
export function periodRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 240; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

/** The last `n` months, newest first ("2026-11", "2026-10", …). */
export function recentPeriods(n = 24, now = new Date()): string[] {
  const current = periodOfDate(now);
  return Array.from({ length: n }, (_, i) => shiftPeriod(current, -i));
}
