// first-load module: every date, size, number and plural the UI writes, in pt-BR.

/** "1.234" */
export const formatNumber = (n: number): string => n.toLocaleString('pt-BR');

/** "23/11/2026 14:05" in the device's time zone (an unreadable date is shown as it came). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
}

/** "23/11 14:05": when a cached copy was saved (the year is obvious there). */
export function formatSavedAt(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "185 KB" */
export const formatKilobytes = (bytes: number): string => `${formatNumber(Math.round(bytes / 1024))} KB`;

/** "1,5" (megabytes, one decimal, no unit) */
export const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 });

/** "1,5 MB", or "—" when unknown */
export const formatMegabytes = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${megabytes(bytes)} MB`);

/** "12,5%", or "—" when the whole is zero */
export const formatPercent = (part: number, whole: number): string =>
  whole ? `${((part / whole) * 100).toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%` : '—';

/** Portuguese plural: plural(1, 'foto') → "1 foto", plural(5, 'foto') → "5 fotos", plural(2, 'ação', 'ações'). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
