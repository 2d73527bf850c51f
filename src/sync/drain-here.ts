import type { MobilizaDb } from '../db/database';
import { apiBaseUrl } from './config';
import { drainOutbox, type DrainDeps, type DrainResult } from './drain-outbox';
import { createMemoryLocks } from './locks';

/** drainOutbox with this context's real world: its fetch, clock, Web Locks and endpoint address. */
export function drainHere(db: MobilizaDb, afterPull?: DrainDeps['afterPull']): Promise<DrainResult> {
  return drainOutbox({
    db,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    baseUrl: apiBaseUrl(),
    locks: globalThis.navigator?.locks ?? createMemoryLocks(),
    afterPull,
  });
}
