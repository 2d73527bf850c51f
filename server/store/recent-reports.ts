// A municipality's recent reports with their content: what a phone downloads after sign-in.
import type { MunicipalityReportsResponse } from '../../src/domain/api.ts';
import type { Driver } from './driver.ts';
import type { ReportStore } from './reports.ts';

export class RecentReportStore {
  constructor(private readonly db: Driver, private readonly reports: ReportStore) {}

  /** Live reports (duplicates left out) of `code` with period in [from, to], newest first. */
  async of(code: string, from: string, to: string): Promise<MunicipalityReportsResponse['reports']> {
    const { rows } = await this.db.query<{ id: string; period: string }>(
      `SELECT r.id, r.period FROM reports r
       WHERE r.municipality_code = $1 AND r.period BETWEEN $2 AND $3 AND r.duplicate_of IS NULL
       ORDER BY r.period DESC LIMIT 24`,
      [code, from, to],
    );
    const out: MunicipalityReportsResponse['reports'] = [];
    for (const r of rows) {
      const detail = await this.reports.get(r.id);
      if (detail) out.push({ ...detail, id: r.id, period: r.period });
    }
    return out;
  }
}
