// Copies every table of the store, row for row, in foreign-key order: the engine of `npm run
// backup`, `npm run restore` and `npm run migrate-store`. Generic on purpose — tables added by later
// migrations are copied too. Rows travel as row_to_json text and are written back with
// json_populate_recordset, so every type (bytea, jsonb, arrays, timestamptz) round-trips exactly.
import type { Queryable } from './driver.ts';

export interface TableInfo {
  name: string;
  /** primary-key columns (keyset order of the copy) */
  key: string[];
  /** identity columns whose sequence must follow the copied values */
  identity: string[];
}

/**
 * Tables that are state of one process or rebuilt at start, not data; and the Painel's rollup
 * (migration 013), which its triggers rebuild while `reports` and `action_facts` are copied.
 */
const SKIPPED = new Set(['schema_migrations', 'panel_town_month', 'panel_key_month']);

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Tables of the current schema, parents before children. */
export async function listTables(q: Queryable): Promise<TableInfo[]> {
  const { rows } = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`);
  const { rows: keys } = await q.query<{ name: string; col: string; n: number }>(
    `SELECT c.relname AS name, a.attname AS col, k.n
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, n)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace ORDER BY 1, 3`);
  const { rows: ids } = await q.query<{ name: string; col: string }>(
    `SELECT c.relname AS name, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE a.attidentity <> '' AND c.relnamespace = current_schema()::regnamespace`);
  const { rows: fks } = await q.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint f
     JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
     WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`);
  const tables = rows.map((r) => r.name).filter((n) => !SKIPPED.has(n));
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const f of fks) if (f.child === t && f.parent !== t) visit(f.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered.filter((t) => tables.includes(t)).map((name) => ({
    name,
    key: keys.filter((k) => k.name === name).map((k) => k.col),
    identity: ids.filter((i) => i.name === name).map((i) => i.col),
  }));
}

/** Rows of one table as JSON text, in key order, `batch` at a time (short queries on PGlite). */
export async function* readTable(q: Queryable, t: TableInfo, batch = 200): AsyncGenerator<string[], void, undefined> {
  const order = t.key.length ? t.key.map(ident).join(', ') : 'ctid';
  let last: unknown[] | undefined;
  let offset = 0;
  for (;;) {
    let sql: string;
    let params: unknown[] = [];
    if (t.key.length) {
      const after = last ? `WHERE (${order}) > (${t.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      sql = `SELECT row_to_json(x)::text AS j, ${t.key.map((k, i) => `${ident(k)}::text AS k${i}`).join(', ')}
             FROM ${ident(t.name)} x ${after} ORDER BY ${order} LIMIT ${batch}`;
      params = last ?? [];
    } else {
      sql = `SELECT row_to_json(x)::text AS j FROM ${ident(t.name)} x ORDER BY ctid LIMIT ${batch} OFFSET ${offset}`;
    }
    const { rows } = await q.query<Record<string, string>>(sql, params);
    if (rows.length) yield rows.map((r) => r.j);
    if (rows.length < batch) return;
    offset += rows.length;
    const end = rows[rows.length - 1];
    last = t.key.map((_, i) => end[`k${i}`]);
  }
}

/** Writes rows (JSON text of the same table's rows) in one statement. */
export async function writeRows(q: Queryable, t: TableInfo, rows: string[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `INSERT INTO ${ident(t.name)} ${t.identity.length ? 'OVERRIDING SYSTEM VALUE' : ''}
     SELECT * FROM json_populate_recordset(null::${ident(t.name)}, $1::json)`,
    [`[${rows.join(',')}]`],
  );
}

/** After a copy: identity sequences continue after the largest copied value. */
export async function resetIdentities(q: Queryable, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const col of t.identity) {
      await q.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${ident(col)}) FROM ${ident(t.name)}), 0) + 1, false)`,
        [t.name, col],
      );
    }
  }
}

/** Refuses to write into a store that already holds data (a restore never merges). */
export async function assertEmpty(q: Queryable, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    const { rowCount } = await q.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
    if (rowCount > 0) throw new Error(`O destino já tem dados (tabela ${t.name}): use um banco ou diretório vazio.`);
  }
}

/** Copies every table from `from` into the empty `to` (same migrations applied on both). */
export async function copyStore(from: Queryable, to: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  onTable: (name: string, rows: number) => void = () => {}): Promise<Record<string, number>> {
  const tables = await listTables(from);
  await assertEmpty(to, tables);
  const counts: Record<string, number> = {};
  await to.transaction(async (tx) => {
    for (const t of tables) {
      let n = 0;
      for await (const rows of readTable(from, t)) {
        await writeRows(tx, t, rows);
        n += rows.length;
      }
      counts[t.name] = n;
      onTable(t.name, n);
    }
    await resetIdentities(tx, tables);
  });
  return counts;
}
