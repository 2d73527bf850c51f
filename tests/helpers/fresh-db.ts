import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase, type MobilizaDb } from '../../src/db/database';

/** A database on its own fake IndexedDB: tests share nothing. */
export function freshDb(): MobilizaDb {
  // liveQuery() silently never runs unless Dexie saw a global indexedDB when it loaded (Node has
  // none); it only checks that one exists — each database still uses its own factory below.
  Dexie.dependencies.indexedDB ??= new IDBFactory();
  Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;
  return openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
}
