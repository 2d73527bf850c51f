import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rebuildActionFacts } from './action-facts.ts';
import { rebuildPartnerFacts } from './partners-store.ts';
import type { Driver, Queryable } from './driver.ts';
import { rebuildPanelRollup } from './panel-rollup.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered files `NNN_name.sql`, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2], sql: readFileSync(`${dir}/${m[0]}`, 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Data steps that SQL alone cannot do (they need the municipality table in src/domain), run in the
 * same transaction right after the migration of that version.
 */
const BACKFILLS: Record<number, (tx: Queryable) => Promise<void>> = {
  10: rebuildActionFacts,
  13: rebuildPanelRollup,
  60: rebuildPartnerFacts,
};

/**
 * Applies the migrations not applied yet, each in its own transaction. An advisory lock makes two
 * servers starting at once on the same PostgreSQL apply each migration once.
 */
export async function migrate(driver: Driver, migrations = loadMigrations()): Promise<number[]> {
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await driver.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('mobiliza:migrate', 0))`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rowCount } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rowCount > 0) return false;
      await tx.exec(m.sql);
      await BACKFILLS[m.version]?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
