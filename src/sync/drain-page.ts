// The page's drain: the service worker's, plus the municipality's partner registry (#16), which
// stays out of the service worker's bundle (the page drains at start, online and visible anyway).
import type { MobilizaDb } from '../db/database';
import { drainHere } from './drain-here';
import type { DrainResult } from './drain-outbox';
import { pullPartners } from './pull-partners';

export function drainPage(db: MobilizaDb): Promise<DrainResult> {
  return drainHere(db, (http, session) => pullPartners(db, http, session));
}
