// first-load module
/** Where a report stands, on the phone. Server-side reports use the subset in SERVER_REPORT_STATUSES. */
export const REPORT_STATUSES = ['draft', 'queued', 'received', 'needs_fix', 'returned', 'approved', 'consolidated'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const SERVER_REPORT_STATUSES = ['received', 'returned', 'approved', 'consolidated'] as const;
export type ServerReportStatus = (typeof SERVER_REPORT_STATUSES)[number];
/** Settled: the regional approved it (or the central level consolidated it); the phone never changes it again. */
export const SETTLED_STATUSES = ['approved', 'consolidated'] as const satisfies readonly ReportStatus[];
export const isSettled = (status: ReportStatus): boolean => (SETTLED_STATUSES as readonly ReportStatus[]).includes(status);
