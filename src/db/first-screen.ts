// first-load module: everything the home screen needs, read in one transaction before the first
// render (issue #17). Without it the open was a waterfall: open → profile and session → "Carregando…"
// → the list query → the list, each step a round trip through IndexedDB on a throttled CPU.
import { ownerIdOf, type OutboxItem, type ProfileSetting } from '../domain/outbox';
import type { ReportDraft } from '../domain/report';
import type { Session } from '../domain/session';
import { DB_NAME, type MobilizaDb } from './database';
import { cardOf, EDITABLE_STATUSES, listReportCards, type ReportCard } from './reports';
import { getSetting } from './settings';

export interface FirstScreen {
  profile: ProfileSetting | null;
  session: Session | null;
  /** the reports list of the profile's owner (absent without a profile) */
  cards?: { ownerId: string; cards: ReportCard[] };
}

export async function readFirstScreen(db: MobilizaDb): Promise<FirstScreen> {
  return db.transaction('r', [db.settings, db.reports, db.actions, db.photos, db.outbox], async () => {
    const [profile, session] = await Promise.all([getSetting<ProfileSetting>(db, 'profile'), getSetting<Session>(db, 'session')]);
    if (!profile) return { profile: null, session: session ?? null };
    const ownerId = ownerIdOf(profile);
    return { profile, session: session ?? null, cards: { ownerId, cards: await listReportCards(db, ownerId) } };
  });
}

/** The stores and indexes the quick read uses (an older schema than the code's: the quick read steps aside). */
const NEEDS: Record<string, string[]> = { settings: [], reports: ['ownerId'], actions: ['reportId'], photos: ['reportId', 'actionId'], outbox: [], journal: [] };

/**
 * The same first screen read straight from IndexedDB, before Dexie opens the database (issue #17:
 * on a phone at 4× CPU, Dexie's open — schema checks, its promise machinery around every request —
 * cost more than the read itself). One read-only transaction, plain callbacks, and the connection is
 * closed at once, so Dexie's own open (and any upgrade) is never blocked by it. Answers undefined —
 * and the caller takes the Dexie path — when there is no database yet, its version is older than the
 * code's (`minVersion`: Dexie's declared version), a store or index is missing, or last-moment edits
 * wait in the journal (they are replayed through Dexie before anything renders).
 */
export function readFirstScreenQuick(idb: IDBFactory, minVersion: number, name = DB_NAME): Promise<FirstScreen | undefined> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = idb.open(name);
    } catch {
      return resolve(undefined);
    }
    const give = (value: FirstScreen | undefined, conn?: IDBDatabase) => {
      conn?.close();
      resolve(value);
    };
    open.onupgradeneeded = () => open.transaction?.abort(); // no database yet: do not create one here
    open.onerror = () => resolve(undefined);
    open.onblocked = () => resolve(undefined);
    open.onsuccess = () => {
      const conn = open.result;
      const stores = Object.keys(NEEDS);
      if (conn.version < minVersion || !stores.every((s) => conn.objectStoreNames.contains(s))) return give(undefined, conn);
      let tx: IDBTransaction;
      try {
        tx = conn.transaction(stores, 'readonly');
        if (!stores.every((s) => NEEDS[s].every((i) => tx.objectStore(s).indexNames.contains(i)))) return give(undefined, conn);
      } catch {
        return give(undefined, conn);
      }
      let result: FirstScreen | undefined;
      tx.oncomplete = () => give(result, conn);
      tx.onabort = tx.onerror = () => give(undefined, conn);
      // every independent request at once: each round trip to the browser's IndexedDB costs a task
      const settings = tx.objectStore('settings');
      void Promise.all([
        get<number>(tx.objectStore('journal').count()),
        get<{ value: ProfileSetting } | undefined>(settings.get('profile')),
        get<{ value: Session } | undefined>(settings.get('session')),
        get<ReportDraft[]>(tx.objectStore('reports').getAll()),
        get<OutboxItem[]>(tx.objectStore('outbox').getAll()),
      ]).then(([waiting, p, s, reports, items]) => {
        if (waiting > 0) return tx.abort();
        const profile = p?.value ?? null;
        const session = s?.value ?? null;
        if (!profile) return void (result = { profile: null, session });
        const ownerId = ownerIdOf(profile);
        return readCards(tx, reports.filter((r) => r.ownerId === ownerId), items).then((cards) => void (result = { profile, session, cards: { ownerId, cards } }));
      });
    };
  });
}

const get = <T>(r: IDBRequest): Promise<T> => new Promise((ok) => (r.onsuccess = () => ok(r.result as T)));

/**
 * listReportCards with plain IndexedDB requests (the same requests, the same summary). Each
 * request's callback issues the next ones inside the same transaction: promises resolve in its
 * microtask checkpoint, while the transaction is still active.
 */
function readCards(tx: IDBTransaction, reports: ReportDraft[], items: OutboxItem[]): Promise<ReportCard[]> {
  const photos = tx.objectStore('photos');
  reports.sort((a, b) => b.period.localeCompare(a.period));
  return Promise.all(
    reports.map(async (report) => {
      const [actions, photoCount] = await Promise.all([
        get<string[]>(tx.objectStore('actions').index('reportId').getAllKeys(report.id)),
        get<number>(photos.index('reportId').count(report.id)),
      ]);
      const perAction = EDITABLE_STATUSES.includes(report.status) ? await Promise.all(actions.map((id) => get<number>(photos.index('actionId').count(id)))) : undefined;
      return cardOf(report, actions, photoCount, perAction, items);
    }),
  );
}
