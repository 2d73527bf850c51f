// first-load module
/** Where a report stands, on the phone. Server-side reports use the subset in SERVER_REPORT_STATUSES. */
export const REPORT_STATUSES = ['draft', 'queued', 'received', 'needs_fix', 'returned', 'approved', 'consolidated'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const SERVER_REPORT_STATUSES = ['received', 'returned', 'approved', 'consolidated'] as const;
export type ServerReportStatus = (typeof SERVER_REPORT_STATUSES)[number];
