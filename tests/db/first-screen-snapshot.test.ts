// The list copy in localStorage (issue #17 part 2): what the next open paints before IndexedDB
// answers. It must give back the list as shown, hold nothing the list does not show (no session,
// no notes, no outbox body), and be ignored — and removed — whenever it cannot be trusted.
import { describe, expect, it } from 'vitest';
import { clearSnapshot, compactCard, readSnapshot, SNAPSHOT_KEY, writeSnapshot, type KeyValueStore } from '../../src/db/first-screen-snapshot';
import type { ReportCard } from '../../src/db/reports';
import type { ProfileSetting } from '../../src/domain/outbox';

class MemoryStore implements KeyValueStore {
  map = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const PROFILE: ProfileSetting = {
  accountId: 'u1',
  municipalityCode: '3106200',
  municipalityName: 'Belo Horizonte',
  regional: 'Belo Horizonte',
  name: 'Ana Souza',
  role: 'RT',
  phone: '31999990000',
  email: 'ana@example.org',
};
const OWNER = 'u1';
const SCHEMA = 14;

function card(period: string, status: ReportCard['report']['status'], extra: Partial<ReportCard> = {}): ReportCard {
  return {
    report: {
      id: `r-${period}`,
      ownerId: OWNER,
      municipalityCode: '3106200',
      period,
      responsible: { name: 'Ana Souza', role: 'RT', phone: '31999990000', email: 'ana@example.org' },
      notes: 'notas internas do mês',
      noActionsJustification: '',
      status,
      revision: 2,
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      ...(status === 'received' ? { protocol: 'MG-2026-10-0001', receivedAt: '2026-11-02T10:00:00.000Z' } : {}),
      statusNote: { code: 'returned' },
    } as ReportCard['report'],
    actionCount: 3,
    photoCount: 7,
    actionsWithoutPhotos: 1,
    ...extra,
  };
}

const queuedItem = {
  reportId: 'r-2026-09',
  revision: 2,
  ownerId: OWNER,
  body: '{"report":"the whole frozen submission"}',
  photoHashes: ['a'.repeat(64)],
  queuedAt: '2026-11-03T10:00:00.000Z',
  attempts: 4,
  nextAttemptAt: 1_800_000_000_000,
  lastError: { code: 'offline' },
  uploaded: ['b'.repeat(64)],
  progress: { photosDone: 1, photosTotal: 5, bytesDone: 10, bytesTotal: 50, at: 1_700_000_000_000 },
};

const CARDS = [card('2026-11', 'draft'), card('2026-10', 'received'), card('2026-09', 'queued', { item: queuedItem as never })];

describe('first-screen snapshot', () => {
  it('gives back the list as shown: the profile, and per month the status, protocol, note, counts and outbox timing', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    const first = readSnapshot(store, SCHEMA)!;
    expect(first.profile).toEqual(PROFILE);
    expect(first.session).toBeNull();
    expect(first.cards!.ownerId).toBe(OWNER);
    expect(first.cards!.cards.map((c) => [c.report.period, c.report.status, c.report.protocol, c.actionCount, c.photoCount, c.actionsWithoutPhotos])).toEqual([
      ['2026-11', 'draft', undefined, 3, 7, 1],
      ['2026-10', 'received', 'MG-2026-10-0001', 3, 7, 1],
      ['2026-09', 'queued', undefined, 3, 7, 1],
    ]);
    expect(first.cards!.cards[0].report.statusNote).toEqual({ code: 'returned' });
    expect(first.cards!.cards[2].item).toMatchObject({ queuedAt: queuedItem.queuedAt, lastError: { code: 'offline' }, progress: queuedItem.progress });
  });

  it('stores nothing the list does not show: no notes, no responsible person, no outbox body or hashes', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    const text = store.getItem(SNAPSHOT_KEY)!;
    for (const secret of ['notas internas', 'the whole frozen submission', 'a'.repeat(64), 'b'.repeat(64)]) expect(text).not.toContain(secret);
    // the responsible person's contact appears once: in the profile the list's "Começar relatório" uses
    expect(text.split('ana@example.org').length - 1).toBe(1);
    const compact = compactCard(CARDS[2]);
    expect(compact.report.notes).toBe('');
    expect(compact.item).toMatchObject({ body: '', photoHashes: [], uploaded: [] });
  });

  it('never hands out a session: a copy that carries one still reads as "session not read yet"', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    expect(store.getItem(SNAPSHOT_KEY)).not.toMatch(/token|secret/);
    const s = JSON.parse(store.getItem(SNAPSHOT_KEY)!);
    s.session = { token: 'stolen', user: { role: 'regional' } };
    store.setItem(SNAPSHOT_KEY, JSON.stringify(s));
    expect(readSnapshot(store, SCHEMA)!.session).toBeNull();
  });

  it('is ignored for another database schema, and removed when malformed', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    expect(readSnapshot(store, SCHEMA + 1)).toBeUndefined();
    expect(store.getItem(SNAPSHOT_KEY)).toBeNull();

    const broken = (mutate: (s: Record<string, unknown>) => void) => {
      writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
      const s = JSON.parse(store.getItem(SNAPSHOT_KEY)!);
      mutate(s);
      store.setItem(SNAPSHOT_KEY, JSON.stringify(s));
      const read = readSnapshot(store, SCHEMA);
      return { read, left: store.getItem(SNAPSHOT_KEY) };
    };
    expect(broken((s) => (s.format = 99))).toEqual({ read: undefined, left: null });
    // another account's list under this profile
    expect(broken((s) => (s.ownerId = 'someone-else'))).toEqual({ read: undefined, left: null });
    expect(broken((s) => ((s.cards as ReportCard[])[1].report.ownerId = 'someone-else'))).toEqual({ read: undefined, left: null });
    expect(broken((s) => ((s.cards as ReportCard[])[0].report.status = 'lost' as never))).toEqual({ read: undefined, left: null });
    expect(broken((s) => ((s.cards as ReportCard[])[0].photoCount = -1))).toEqual({ read: undefined, left: null });
    expect(broken((s) => delete (s.profile as Record<string, unknown>).municipalityName)).toEqual({ read: undefined, left: null });
    expect(broken((s) => (s.cards = 'x'))).toEqual({ read: undefined, left: null });

    store.setItem(SNAPSHOT_KEY, '{not json');
    expect(readSnapshot(store, SCHEMA)).toBeUndefined();
    expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
  });

  it('a full or missing storage only costs speed: no throw, no half-written copy', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    store.failWrites = true;
    expect(() => writeSnapshot(store, SCHEMA, PROFILE, OWNER, [card('2026-12', 'draft')])).not.toThrow();
    // the older copy is not left to paint a list that is no longer the one shown
    expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
    expect(readSnapshot(undefined, SCHEMA)).toBeUndefined();
    expect(() => writeSnapshot(undefined, SCHEMA, PROFILE, OWNER, CARDS)).not.toThrow();
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(readSnapshot(throwing, SCHEMA)).toBeUndefined();
  });

  it('clearSnapshot removes it', () => {
    const store = new MemoryStore();
    writeSnapshot(store, SCHEMA, PROFILE, OWNER, CARDS);
    clearSnapshot(store);
    expect(readSnapshot(store, SCHEMA)).toBeUndefined();
  });
});
