import { backupStore, restoreStore } from '../store/backup.ts';
import { describeLocation, openStore, type StoreLocation } from '../store/open-store.ts';
import { copyStore } from '../store/table-copy.ts';

// Entries of `npm run backup -- FILE`, `npm run restore -- FILE` and `npm run migrate-store`:
// the same storage as the server (DATABASE_URL, or PGlite in DATA_DIR — stop the server first).
const env = process.env;
const [command, file] = process.argv.slice(2);
const location: StoreLocation = env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? './data' };
const print = (counts: Record<string, number>) =>
  console.log(Object.entries(counts).map(([t, n]) => `  ${t}: ${n}`).join('\n'));

try {
  if (command === 'backup' || command === 'restore') {
    if (!file) throw new Error(`Uso: npm run ${command} -- ARQUIVO.jsonl.gz`);
    const store = await openStore(location);
    try {
      console.log(`${command === 'backup' ? 'Copiando' : 'Restaurando'} ${describeLocation(location)} ${command === 'backup' ? '→' : '←'} ${file}`);
      print(command === 'backup' ? await backupStore(store.driver, file) : await restoreStore(store.driver, file));
    } finally {
      await store.close();
    }
  } else if (command === 'migrate-store') {
    // PGlite directory (DATA_DIR) → the empty PostgreSQL of DATABASE_URL.
    if (!env.DATABASE_URL) throw new Error('Defina DATABASE_URL (o PostgreSQL de destino, vazio) e DATA_DIR (o diretório PGlite de origem).');
    const from = await openStore({ dataDir: env.DATA_DIR ?? './data' });
    const to = await openStore({ databaseUrl: env.DATABASE_URL });
    try {
      console.log(`Migrando PGlite ${env.DATA_DIR ?? './data'} → ${describeLocation({ databaseUrl: env.DATABASE_URL })}`);
      print(await copyStore(from.driver, to.driver));
      console.log('Pronto: inicie o servidor com DATABASE_URL.');
    } finally {
      await from.close();
      await to.close();
    }
  } else {
    throw new Error('Comandos: backup ARQUIVO | restore ARQUIVO | migrate-store');
  }
} catch (err) {
  console.error(`Mobiliza: ${(err as Error).message}`);
  process.exitCode = 1;
}
