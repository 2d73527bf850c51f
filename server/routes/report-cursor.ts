import type { ReportListKey } from '../store/reports.ts';

/** Page sizes of GET /reports. */
export const REPORT_PAGE = { default: 100, max: 500 } as const;

/** The cursor handed to clients: the last key of a page, opaque (base64url JSON). */
export function encodeReportCursor(k: ReportListKey): string {
  return Buffer.from(JSON.stringify([k.period, k.municipalityCode, k.firstReceivedAt, k.id])).toString('base64url');
}

/** The key back from a cursor, or undefined when it is not one of ours. */
export function decodeReportCursor(cursor: string): ReportListKey | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'string')) return undefined;
    const [period, municipalityCode, firstReceivedAt, id] = v as string[];
    if (!/^\d{4}-\d{2}$/.test(period) || !/^\d{7}$/.test(municipalityCode)) return undefined;
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(firstReceivedAt)) return undefined;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
    return { period, municipalityCode, firstReceivedAt, id };
  } catch {
    return undefined;
  }
}
