// Campaign materials on the phone (#16): Dexie version 4 over a version 2 database, the list
// replacing the rows (kept files survive while their bytes are the same), the switch that frees the
// space, and the pull that keeps files only when space and the budget allow.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type MobilizaDb } from '../../src/db/database';
import { getKeepMaterials, keepMaterialFile, listMaterials, materialsUsage, replaceMaterials, setKeepMaterials } from '../../src/db/materials';
import { MATERIALS_OFFLINE, type Material } from '../../src/domain/material';
import { pullMaterials } from '../../src/sync/pull-materials';
import type { HttpClient } from '../../src/sync/http';
import { freshDb } from '../helpers/fresh-db';

const material = (id: string, over: Partial<Material> = {}): Material => ({
  id, kind: 'piece', title: `Peça ${id}`, month: '2026-11', campaign: 'Novembro Azul', workshop: null, steps: null,
  fileName: `${id}.pdf`, mimeType: 'application/pdf', byteSize: 1000, sha256: `sha-${id}`, createdAt: '2026-11-02T10:00:00.000Z', ...over,
});

let db: MobilizaDb;
afterEach(() => db?.close());

/** A fake endpoint: the list, and each file's bytes; records the paths asked. */
function endpoint(list: Material[]) {
  const asked: string[] = [];
  const http: HttpClient = {
    async request(_method, path) {
      asked.push(path);
      if (path.startsWith('/materials?')) return new Response(JSON.stringify({ month: '2026-11', materials: list }));
      const m = list.find((x) => path === `/materials/${x.id}/file`)!;
      return new Response(new Blob([new Uint8Array(m.byteSize).fill(7)], { type: m.mimeType! }));
    },
  };
  return { http, asked };
}
const NOW = new Date('2026-11-23T12:00:00');
const plenty = async () => ({ usage: 10e6, quota: 2e9 });

describe('materials on the phone', () => {
  it('version 4 opens a version 2 database with its rows and adds the materials table', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('mobiliza', { indexedDB, IDBKeyRange });
    old.version(2).stores({ reports: 'id, &[ownerId+period], ownerId, status', actions: 'id, reportId, [reportId+number]', photos: 'id, actionId, reportId, [actionId+number], sha256', outbox: 'reportId, ownerId, nextAttemptAt', settings: 'key', journal: 'key' });
    await old.table('settings').put({ key: 'profile', value: { name: 'Ana' } });
    old.close();
    db = openDatabase({ indexedDB, IDBKeyRange });
    expect(db.verno).toBe(4);
    expect((await db.settings.get('profile'))?.value).toEqual({ name: 'Ana' });
    expect(await listMaterials(db)).toEqual({ month: undefined, materials: [] });
  });

  it('a new list replaces the rows; a kept file stays while its bytes are the same, and goes when they change', async () => {
    db = freshDb();
    await replaceMaterials(db, '2026-11', [material('a'), material('b')]);
    await keepMaterialFile(db, 'a', new Blob(['x'.repeat(1000)]));
    await keepMaterialFile(db, 'b', new Blob(['y'.repeat(1000)]));
    await replaceMaterials(db, '2026-11', [material('a'), material('b', { sha256: 'sha-b2' }), material('c')]);
    const rows = (await listMaterials(db)).materials;
    expect(rows.map((r) => [r.id, !!r.blob])).toEqual([['a', true], ['b', false], ['c', false]]);
    await replaceMaterials(db, '2026-12', [material('c')]);
    expect((await listMaterials(db)).materials.map((r) => r.id)).toEqual(['c']);
    expect((await listMaterials(db)).month).toBe('2026-12');
  });

  it('the pull keeps every file of the list when space allows, and the switch off frees the space', async () => {
    db = freshDb();
    const list = [material('a', { byteSize: 3000 }), material('t', { kind: 'tutorial', month: null, campaign: null, workshop: 'teatro', fileName: null, mimeType: null, byteSize: 0, sha256: null, steps: 'Passo 1' })];
    const { http, asked } = endpoint(list);
    expect(await pullMaterials(db, http, plenty, NOW)).toEqual({ kept: 1, skipped: 0 });
    expect(asked).toEqual(['/materials?month=2026-11', '/materials/a/file']);
    expect(await materialsUsage(db)).toEqual({ files: 1, bytes: 3000 });
    const kept = (await listMaterials(db)).materials.find((m) => m.id === 'a')!;
    expect(kept.blob!.size).toBe(3000);
    // a second pull does not download again
    expect(await pullMaterials(db, http, plenty, NOW)).toEqual({ kept: 0, skipped: 0 });
    expect(asked.filter((p) => p.endsWith('/file'))).toHaveLength(1);
    await setKeepMaterials(db, false);
    expect(await getKeepMaterials(db)).toBe(false);
    expect(await materialsUsage(db)).toEqual({ files: 0, bytes: 0 });
    expect((await listMaterials(db)).materials).toHaveLength(2); // the list stays: the screen says what exists
    expect(await pullMaterials(db, http, plenty, NOW)).toEqual({ kept: 0, skipped: 0 });
    expect(asked.filter((p) => p.endsWith('/file'))).toHaveLength(1);
  });

  it('keeps nothing that would leave less than the reserve free, nor more than the budget', async () => {
    db = freshDb();
    const { http } = endpoint([material('a', { byteSize: 5000 })]);
    const tight = async () => ({ usage: 1e9, quota: 1e9 + MATERIALS_OFFLINE.reserveBytes + 4000 });
    expect(await pullMaterials(db, http, tight, NOW)).toEqual({ kept: 0, skipped: 1 });
    expect(await materialsUsage(db)).toEqual({ files: 0, bytes: 0 });

    const big = endpoint([material('x', { byteSize: MATERIALS_OFFLINE.budgetBytes - 10 }), material('y', { byteSize: 20 })]);
    const tiny = { ...big, http: { request: async (m: string, p: string) => (p.endsWith('/file') ? new Response(new Blob(['z'])) : big.http.request(m, p)) } };
    expect(await pullMaterials(db, tiny.http, plenty, NOW)).toEqual({ kept: 1, skipped: 1 });
  });
});
