import type { MobilizaDb } from '../../db/database';
import { pullDeadlines } from '../../sync/pull-deadlines';
import { sessionHttp } from './push-env';

/** Pulls the central level's due-date rule when the list opens (best effort: the cached rule stays). */
export async function refreshDeadlines(db: MobilizaDb): Promise<boolean> {
  const http = await sessionHttp(db);
  return http ? pullDeadlines(db, http).catch(() => false) : false;
}
