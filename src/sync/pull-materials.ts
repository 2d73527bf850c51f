// Keeps the month's campaign pieces and the tutorials on the phone (#16): the list always, the
// files when the agent allows it and space allows (navigator.storage.estimate), within a budget.
import type { MobilizaDb } from '../db/database';
import { getKeepMaterials, keepMaterialFile, listMaterials, materialsUsage, replaceMaterials } from '../db/materials';
import { MATERIALS_OFFLINE, MaterialListSchema } from '../domain/material';
import { periodOfDate } from '../domain/period';
import type { HttpClient } from './http';

export type StorageEstimate = () => Promise<{ usage?: number; quota?: number }>;

/** Fetches the list of `month` and the files still missing; answers how many files were kept and skipped for lack of space. */
export async function pullMaterials(db: MobilizaDb, http: HttpClient, estimate: StorageEstimate | undefined, now = new Date()): Promise<{ kept: number; skipped: number }> {
  const res = await http.request('GET', `/materials?month=${periodOfDate(now)}`);
  const list = MaterialListSchema.parse(await res.json());
  await replaceMaterials(db, list.month, list.materials);
  let kept = 0;
  let skipped = 0;
  if (!(await getKeepMaterials(db))) return { kept, skipped };
  let used = (await materialsUsage(db)).bytes;
  for (const m of (await listMaterials(db)).materials) {
    if (m.blob || !m.mimeType) continue;
    const space = await estimate?.().catch(() => undefined);
    const free = space?.quota !== undefined ? space.quota - (space.usage ?? 0) : Infinity;
    if (used + m.byteSize > MATERIALS_OFFLINE.budgetBytes || free - m.byteSize < MATERIALS_OFFLINE.reserveBytes) {
      skipped++;
      continue;
    }
    const blob = await (await http.request('GET', `/materials/${m.id}/file`)).blob();
    await keepMaterialFile(db, m.id, blob);
    used += m.byteSize;
    kept++;
  }
  return { kept, skipped };
}
