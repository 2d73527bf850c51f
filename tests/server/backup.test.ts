// Backup → wipe → restore round trip on each store (every table row and every photo byte equal),
// and `migrate-store`: a PGlite store copied into an empty PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { backupStore, restoreStore } from '../../server/store/backup.ts';
import type { SqlStore } from '../../server/store/sql-store.ts';
import { copyStore, listTables, readTable } from '../../server/store/table-copy.ts';
import { DRIVERS, NOW, openTestStore, sha256, useEndpoint } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'mobiliza-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function everyRow(store: SqlStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await listTables(store.driver)) {
    out[t.name] = [];
    for await (const rows of readTable(store.driver, t)) out[t.name].push(...rows.map((r) => JSON.parse(r)));
  }
  return out;
}

describe.each(DRIVERS)('backup and restore on %s', (kind) => {
  const env = useEndpoint(kind);

  async function seed() {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const a = await env.sendReport(agent, { n: 3 });
    const b = await env.sendReport(agent, { n: 2, period: '2026-10' });
    for (const [id, decision, comment] of [[a.body.id, 'approve'], [b.body.id, 'return', 'Corrigir.']]) {
      const res = await env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account: regional, json: { decision, comment } });
      expect(res.statusCode).toBe(201);
    }
    return { agent, regional, reports: [a, b] };
  }

  it('round trip: back up, wipe, restore — every row and every photo byte identical, and the app serves them', async () => {
    const { regional, reports } = await seed();
    const before = await everyRow(env.store);
    expect(before.reports).toHaveLength(2);
    expect(before.photos).toHaveLength(5);
    const shas = (before.photos as { sha256: string }[]).map((p) => p.sha256);
    const file = join(dir, `${kind}-${Date.now()}.jsonl.gz`);
    const counts = await backupStore(env.store.driver, file);
    expect(counts.photos).toBe(5);

    const fresh = await openTestStore(kind); // the wiped store: empty, migrated
    try {
      expect((await everyRow(fresh.store)).reports).toEqual([]);
      await restoreStore(fresh.store.driver, file);
      expect(await everyRow(fresh.store)).toEqual(before);
      // The restored store serves the same report and the same photo bytes (byte-identical).
      const app = await buildApp({ store: fresh.store, now: () => NOW });
      try {
        for (const r of reports) {
          const [x, y] = await Promise.all([env.app, app].map((a) => a.inject({ method: 'GET', url: `/api/v1/reports/${r.body.id}`, headers: regional.auth })));
          expect(y.statusCode).toBe(200);
          expect(y.json()).toEqual(x.json());
        }
        for (const s of shas) {
          const res = await app.inject({ method: 'GET', url: `/api/v1/photos/${s}`, headers: regional.auth });
          expect(res.statusCode).toBe(200);
          expect(sha256(res.rawPayload)).toBe(s);
        }
      } finally {
        await app.close();
      }
      // Identity sequences continue after the restored rows.
      const { rows } = await fresh.store.driver.query<{ id: number }>(
        `INSERT INTO audit_log (at, action, entity_type, entity_id) VALUES (now(), 'test', 'user', 'x') RETURNING id`);
      expect(rows[0].id).toBeGreaterThan(Math.max(...(before.audit_log as { id: number }[]).map((r) => r.id)));
      await expect(restoreStore(fresh.store.driver, file)).rejects.toThrow(/já tem dados/);
    } finally {
      await fresh.dispose();
    }
  });

  it.skipIf(kind !== 'pglite' || !process.env.DATABASE_URL)('migrate-store: a PGlite store copied into an empty PostgreSQL is the same data', async () => {
    await seed();
    const before = await everyRow(env.store);
    const target = await openTestStore('postgres');
    try {
      const counts = await copyStore(env.store.driver, target.store.driver);
      expect(counts.reports).toBe(2);
      expect(await everyRow(target.store)).toEqual(before);
      // Writes continue on PostgreSQL: identities were moved past the copied rows.
      const { rows } = await target.store.driver.query<{ id: number }>(
        `INSERT INTO audit_log (at, action, entity_type, entity_id) VALUES (now(), 'test', 'user', 'x') RETURNING id`);
      expect(rows[0].id).toBeGreaterThan(Math.max(...(before.audit_log as { id: number }[]).map((r) => r.id)));
    } finally {
      await target.dispose();
    }
  });
});
