import { AccountStore } from './accounts.ts';
import { AdminStore } from './admin.ts';
import { HighlightStore } from './highlights-store.ts';
import { PartnerStore } from './partners-store.ts';
import { MaterialStore } from './materials-store.ts';
import type { Driver } from './driver.ts';
import { DuplicateStore } from './duplicates.ts';
import { RecentReportStore } from './recent-reports.ts';
import { migrate } from './migrate.ts';
import { PanelStore } from './panel-store.ts';
import { PhotoStore } from './photos.ts';
import { RateLimitStore } from './rate-limits.ts';
import { ReportStore } from './reports.ts';
import { ReviewStore } from './reviews.ts';

/**
 * The one store of the endpoint: plain SQL over a Driver (PGlite or PostgreSQL), one module per
 * concern. Routes use the modules; only migrations and tests touch the driver.
 */
export class SqlStore {
  readonly accounts: AccountStore;
  readonly photos: PhotoStore;
  readonly reports: ReportStore;
  readonly reviews: ReviewStore;
  readonly panel: PanelStore;
  readonly rateLimits: RateLimitStore;
  readonly duplicates: DuplicateStore;
  readonly recent: RecentReportStore;
  /** account management (#13) */
  readonly admin: AdminStore;
  readonly highlights: HighlightStore;
  /** partner registry (#16) */
  readonly partners: PartnerStore;
  /** campaign materials and tutorials (#16) */
  readonly materials: MaterialStore;

  constructor(readonly driver: Driver) {
    this.accounts = new AccountStore(driver);
    this.photos = new PhotoStore(driver);
    this.reports = new ReportStore(driver);
    this.reviews = new ReviewStore(driver);
    this.panel = new PanelStore(driver);
    this.rateLimits = new RateLimitStore(driver);
    this.duplicates = new DuplicateStore(driver);
    this.recent = new RecentReportStore(driver, this.reports);
    this.admin = new AdminStore(driver);
    this.highlights = new HighlightStore(driver);
    this.partners = new PartnerStore(driver);
    this.materials = new MaterialStore(driver);
  }

  migrate(): Promise<number[]> {
    return migrate(this.driver);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
