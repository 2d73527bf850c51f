// Backup and restore of a whole store (PGlite or PostgreSQL) to one gzip file of JSON lines:
// a header, then `<table>\t<row as JSON>` per row, tables in foreign-key order. Streams both ways
// (memory bounded by one batch), so it works for years of photos.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Driver } from './driver.ts';
import { assertEmpty, listTables, readTable, resetIdentities, writeRows } from './table-copy.ts';

const FORMAT = 'mobiliza-backup';

export async function backupStore(driver: Driver, file: string): Promise<Record<string, number>> {
  const tables = await listTables(driver);
  const { rows: versions } = await driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
  const gzip = createGzip();
  const out = createWriteStream(file, { flags: 'wx' });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  await write(JSON.stringify({ format: FORMAT, version: 1, migrations: versions.map((v) => v.version), tables: tables.map((t) => t.name) }));
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t.name] = 0;
    for await (const rows of readTable(driver, t)) {
      for (const r of rows) await write(`${t.name}\t${r}`);
      counts[t.name] += rows.length;
    }
  }
  gzip.end();
  await once(out, 'close');
  return counts;
}

/** Restores a backup into an empty store with the same migrations applied, in one transaction. */
export async function restoreStore(driver: Driver, file: string): Promise<Record<string, number>> {
  const tables = await listTables(driver);
  await assertEmpty(driver, tables);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = first.done ? undefined : (JSON.parse(first.value) as { format?: string; migrations?: number[] });
  if (header?.format !== FORMAT) throw new Error(`${file} não é uma cópia de segurança do Mobiliza.`);
  const { rows: versions } = await driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
  const have = versions.map((v) => v.version);
  const missing = (header.migrations ?? []).filter((v) => !have.includes(v));
  if (missing.length) throw new Error(`A cópia vem de uma versão mais nova do Mobiliza (migrações ${missing.join(', ')}): atualize antes de restaurar.`);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const counts: Record<string, number> = {};
  await driver.transaction(async (tx) => {
    let table: string | undefined;
    let batch: string[] = [];
    const flush = async () => {
      const t = table && byName.get(table);
      if (t && batch.length) await writeRows(tx, t, batch);
      if (table) counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const tab = next.value.indexOf('\t');
      const name = next.value.slice(0, tab);
      if (!byName.has(name)) throw new Error(`Tabela desconhecida na cópia: ${name}`);
      if (name !== table || batch.length >= 200) {
        await flush();
        table = name;
      }
      batch.push(next.value.slice(tab + 1));
    }
    await flush();
    await resetIdentities(tx, tables);
  });
  return counts;
}
