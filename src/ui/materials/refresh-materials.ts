import type { MobilizaDb } from '../../db/database';
import { pullMaterials } from '../../sync/pull-materials';
import { sessionHttp } from '../notifications/push-env';

let running: Promise<boolean> | undefined;

/** Pulls the month's materials and keeps their files (best effort: what is kept stays). One pull at a time. */
export function refreshMaterials(db: MobilizaDb): Promise<boolean> {
  return (running ??= (async () => {
    const http = await sessionHttp(db);
    const storage = globalThis.navigator?.storage;
    return http ? pullMaterials(db, http, storage?.estimate ? () => storage.estimate() : undefined).then(() => true, () => false) : false;
  })().finally(() => (running = undefined)));
}
