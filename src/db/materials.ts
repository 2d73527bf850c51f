// Campaign materials on the phone (#16): the listed month's pieces and the tutorials, with their
// bytes when kept offline. One row per material; the list replaces the rows in one transaction.
import type { Material, MaterialRecord } from '../domain/material';
import type { MobilizaDb } from './database';
import { getSetting, putSetting } from './settings';

const KEEP = 'materialsOffline';
const MONTH = 'materialsMonth';

/** "Guardar materiais para usar sem internet" (default on). */
export const getKeepMaterials = async (db: MobilizaDb) => (await getSetting<boolean>(db, KEEP)) !== false;

/** Turning it off frees the space at once (the list stays, to show what exists). */
export async function setKeepMaterials(db: MobilizaDb, keep: boolean): Promise<void> {
  await db.transaction('rw', db.settings, db.materials, async () => {
    await putSetting(db, KEEP, keep);
    if (!keep) await db.materials.toCollection().modify((r) => void delete r.blob);
  });
}

/** Replaces the list with the endpoint's; a kept file stays while its bytes (sha256) are the same. */
export async function replaceMaterials(db: MobilizaDb, month: string, list: Material[]): Promise<void> {
  await db.transaction('rw', db.settings, db.materials, async () => {
    const old = new Map((await db.materials.toArray()).map((r) => [r.id, r]));
    await db.materials.clear();
    await db.materials.bulkPut(list.map((m) => {
      const kept = old.get(m.id);
      return kept?.blob && kept.sha256 === m.sha256 ? { ...m, blob: kept.blob } : m;
    }));
    await putSetting(db, MONTH, month);
  });
}

export async function listMaterials(db: MobilizaDb): Promise<{ month?: string; materials: MaterialRecord[] }> {
  return { month: await getSetting<string>(db, MONTH), materials: await db.materials.toArray() };
}

/** Stores the bytes of a listed material (ignored when it left the list meanwhile). */
export async function keepMaterialFile(db: MobilizaDb, id: string, blob: Blob): Promise<void> {
  await db.materials.update(id, { blob });
}

/** Space the kept files take (Settings). */
export async function materialsUsage(db: MobilizaDb): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  await db.materials.each((r) => {
    if (r.blob) {
      files++;
      bytes += r.byteSize;
    }
  });
  return { files, bytes };
}
