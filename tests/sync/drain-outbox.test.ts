import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { NotReadyError, queueReport, reviseReport } from '../../src/db/queue-report';
import { getSession, getSyncState } from '../../src/db/session';
import { drainOutbox, type DrainDeps } from '../../src/sync/drain-outbox';
import { createMemoryLocks } from '../../src/sync/locks';
import { backoffDelay } from '../../src/sync/retry-policy';
import { noteText } from '../../src/ui/messages';
import { createFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint';
import { freshDb } from '../helpers/fresh-db';
import { seedReadyReport, signIn } from '../helpers/seed';

const START = new Date('2026-11-23T12:00:00Z').getTime();
let db: MobilizaDb;
let ep: FakeEndpoint;
let clock: number;
let deps: DrainDeps;

beforeEach(async () => {
  db = freshDb();
  ep = createFakeEndpoint();
  clock = START;
  deps = { db, fetch: ep.fetch, now: () => clock, baseUrl: 'http://endpoint.test', locks: createMemoryLocks(), random: () => 1 };
  await signIn(db);
});
afterEach(() => db.close());

const queue = async (opts: Parameters<typeof seedReadyReport>[1] = {}) => {
  const report = await seedReadyReport(db, opts);
  await queueReport(db, report.id, new Date(clock));
  return report;
};
const count = (prefix: string) => ep.requests.filter((r) => r.startsWith(prefix)).length;

describe('queueReport', () => {
  it('freezes a ready report and writes its outbox row together', async () => {
    const report = await queue({ actions: 2, photos: 2 });
    const row = await db.outbox.get(report.id);
    expect(row).toMatchObject({ revision: 1, attempts: 0, uploaded: [], ownerId: 'u-ana' });
    expect(row!.photoHashes).toHaveLength(4);
    expect(JSON.parse(row!.body)).toMatchObject({ id: report.id, revision: 1, schemaVersion: 1 });
    expect((await db.reports.get(report.id))?.status).toBe('queued');
  });

  it('refuses an incomplete report with its problems and queues nothing', async () => {
    const report = await seedReadyReport(db, { photos: 0 });
    const error = await queueReport(db, report.id, new Date(clock)).catch((e) => e);
    expect(error).toBeInstanceOf(NotReadyError);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['actions.0.photos']);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.reports.get(report.id))?.status).toBe('draft');
  });
});

describe('drainOutbox', () => {
  it('asks once which photos are missing, uploads each once, then the report, and stores the protocol', async () => {
    const report = await queue({ actions: 2, photos: 2 });
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ delivered: 1, retrying: 0, rejected: 0 });
    expect(count('POST /api/v1/photos/missing')).toBe(1);
    expect(count('HEAD')).toBe(0);
    expect(count('PUT /api/v1/photos')).toBe(4);
    expect(count('PUT /api/v1/reports')).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    const stored = await db.reports.get(report.id);
    expect(stored).toMatchObject({ status: 'received', protocol: 'MG-2026-11-3106200-0001', deliveredRevision: 1 });
    const photos = await db.photos.where('reportId').equals(report.id).toArray();
    for (const p of photos) expect(ep.photos.get(p.sha256)).toEqual(new Uint8Array(await p.blob!.arrayBuffer()));
    expect((await getSyncState(db)).lastSuccessAt).toBe(new Date(START).toISOString());
  });

  it('does not upload a photo the endpoint already holds', async () => {
    const report = await queue({ photos: 2 });
    const first = (await db.photos.where('reportId').equals(report.id).first())!;
    ep.photos.set(first.sha256, new Uint8Array(await first.blob!.arrayBuffer()));
    await drainOutbox(deps);
    expect(count('PUT /api/v1/photos')).toBe(1);
  });

  it('retries a network error with backoff, keeping attempts, nextAttemptAt and lastError on the row', async () => {
    const report = await queue();
    ep.fail('POST /api/v1/photos/missing', 'network');
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ delivered: 0, retrying: 1, nextDueAt: START + 2000 });
    const row = await db.outbox.get(report.id);
    expect(row).toMatchObject({ attempts: 1, nextAttemptAt: START + 2000 });
    expect(row!.lastError).toEqual({ code: 'offline' });
    expect(noteText(row!.lastError)).toMatch(/Sem conexão/);
    expect((await db.reports.get(report.id))?.status).toBe('queued');
    // not due yet: a drain now sends nothing
    await drainOutbox(deps);
    expect(ep.requests).toHaveLength(1);
    clock += 2000;
    expect(await drainOutbox(deps)).toMatchObject({ delivered: 1 });
  });

  it('retries 5xx three times and delivers exactly once', async () => {
    const report = await queue();
    ep.fail('PUT /api/v1/reports', 500, 3);
    for (let i = 0; i < 4; i++) {
      await drainOutbox(deps);
      clock = ((await db.outbox.get(report.id))?.nextAttemptAt ?? clock) + 1;
    }
    expect(count('PUT /api/v1/reports')).toBe(4);
    expect(count('PUT /api/v1/photos')).toBe(1);
    expect(ep.reports.size).toBe(1);
    expect((await db.reports.get(report.id))?.status).toBe('received');
  });

  it('honours Retry-After on 429', async () => {
    const report = await queue();
    ep.fail('POST /api/v1/photos/missing', 429, 1, { 'retry-after': '120' });
    await drainOutbox(deps);
    expect((await db.outbox.get(report.id))?.nextAttemptAt).toBe(START + 120_000);
  });

  it('gives up a request on a dead link after its timeout and retries later', async () => {
    const report = await queue();
    ep.fail('POST /api/v1/photos/missing', 'hang');
    const r = await drainOutbox({ ...deps, requestTimeoutMs: () => 50 });
    expect(r.retrying).toBe(1);
    const lastError = (await db.outbox.get(report.id))?.lastError;
    expect(lastError).toEqual({ code: 'timeout' });
    expect(noteText(lastError)).toMatch(/lenta demais/);
  });

  it('pauses on 401 and asks to sign in, without touching the queue', async () => {
    const a = await queue({ period: '2026-10' });
    const b = await queue({ period: '2026-11' });
    await signIn(db, 'revoked');
    const r = await drainOutbox(deps);
    expect(r.needsSignIn).toBe(true);
    expect(ep.requests).toHaveLength(1);
    expect((await getSession(db))?.expired).toBe(true);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.reports.get(a.id))?.status).toBe('queued');
    // nothing is sent while the session is expired
    expect(await drainOutbox(deps)).toMatchObject({ needsSignIn: true, delivered: 0 });
    expect(ep.requests).toHaveLength(1);
    await signIn(db, 'tok');
    expect(await drainOutbox(deps)).toMatchObject({ delivered: 2 });
    expect((await db.reports.get(b.id))?.status).toBe('received');
  });

  it('marks a refused report "precisa de correção" and goes on with the next one', async () => {
    const bad = await queue({ period: '2026-10' });
    const good = await queue({ period: '2026-11' });
    ep.fail(`PUT /api/v1/reports/${bad.id}`, 422);
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ delivered: 1, rejected: 1 });
    expect(await db.reports.get(bad.id)).toMatchObject({ status: 'needs_fix', statusNote: { code: 'rejected', detail: { status: 422, message: 'Falha simulada 422' } }, revision: 2 });
    expect(noteText((await db.reports.get(bad.id))!.statusNote)).toBe('Falha simulada 422');
    expect((await db.reports.get(good.id))?.status).toBe('received');
    expect(await db.outbox.count()).toBe(0);
  });

  it('uploads photos the endpoint reports missing (409) and tries the report once more', async () => {
    const report = await queue({ photos: 2 });
    const photos = await db.photos.where('reportId').equals(report.id).toArray();
    // The endpoint "lost" a photo after POST /photos/missing said it had it.
    ep.photos.set(photos[0].sha256, new Uint8Array(await photos[0].blob!.arrayBuffer()));
    ep.onRequest = (line) => {
      if (line.startsWith('PUT /api/v1/reports') && count('PUT /api/v1/reports') === 1) ep.photos.delete(photos[0].sha256);
    };
    expect(await drainOutbox(deps)).toMatchObject({ delivered: 1 });
    expect(count('PUT /api/v1/reports')).toBe(2);
    expect(ep.requests.filter((r) => r === `PUT /api/v1/photos/${photos[0].sha256}`)).toHaveLength(1);
  });

  it('never re-sends photos after a crash between the photo uploads and the report PUT', async () => {
    const report = await queue({ actions: 2, photos: 2 });
    const crash = new AbortController();
    ep.onRequest = (line) => {
      if (line.startsWith('PUT /api/v1/reports')) crash.abort(new DOMException('tab closed', 'AbortError'));
    };
    await expect(drainOutbox({ ...deps, signal: crash.signal })).rejects.toThrow();
    expect((await db.outbox.get(report.id))?.uploaded).toHaveLength(4);
    ep.onRequest = undefined;
    ep.requests.length = 0;
    expect(await drainOutbox(deps)).toMatchObject({ delivered: 1 });
    expect(ep.requests.filter((r) => r.includes('/photos/'))).toEqual([]);
    // (the row knew all four: not even the POST /photos/missing)
    expect(count('PUT /api/v1/reports')).toBe(1);
  });

  it('two concurrent drains make each request once', async () => {
    await queue({ actions: 2, photos: 2 });
    await queue({ period: '2026-10' });
    const [a, b] = await Promise.all([drainOutbox(deps), drainOutbox(deps)]);
    expect([a.skipped, b.skipped].filter(Boolean)).toHaveLength(1);
    expect(a.delivered + b.delivered).toBe(2);
    expect(new Set(ep.requests.filter((r) => r.startsWith('PUT'))).size).toBe(count('PUT'));
    expect(count('PUT /api/v1/reports')).toBe(2);
  });

  it('sends the new revision instead of a queued one that "Editar" replaced', async () => {
    const report = await queue();
    const revised = await reviseReport(db, report.id, new Date(clock));
    expect(revised).toMatchObject({ status: 'draft', revision: 2 });
    expect(await db.outbox.count()).toBe(0);
    await db.reports.update(report.id, { notes: 'corrigido' });
    await queueReport(db, report.id, new Date(clock));
    await drainOutbox(deps);
    expect(count('PUT /api/v1/reports')).toBe(1);
    expect(JSON.parse(ep.reports.get(report.id)!.body)).toMatchObject({ revision: 2, notes: 'corrigido' });
  });

  it('only sends the signed-in account\'s reports on a shared phone', async () => {
    await queue({ ownerId: 'u-other' });
    const mine = await queue({ period: '2026-10' });
    expect(await drainOutbox(deps)).toMatchObject({ delivered: 1 });
    expect([...ep.reports.keys()]).toEqual([mine.id]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('pulls the status: a returned report becomes editable as a new revision with the comment', async () => {
    const report = await queue();
    await drainOutbox(deps);
    ep.reports.get(report.id)!.status = 'returned';
    ep.summaries.set(report.id, { lastReview: { decision: 'return', comment: 'Falta foto da ação 1', by: { login: 'rita', name: 'Rita', role: 'regional' }, at: '2026-11-22T10:00:00.000Z', revision: 1 } });
    await drainOutbox(deps);
    const stored = await db.reports.get(report.id);
    expect(stored).toMatchObject({ status: 'returned', revision: 2 });
    expect(stored!.statusNote).toEqual({ code: 'returned', detail: { by: 'Rita', at: '2026-11-22T10:00:00.000Z', comment: 'Falta foto da ação 1' } });
    expect(noteText(stored!.statusNote)).toMatch(/Rita.*Falta foto da ação 1/);
    ep.reports.get(report.id)!.status = 'approved';
    ep.summaries.delete(report.id);
    await drainOutbox(deps);
    // the regional changed its mind and approved revision 1: the phone shows the server's truth
    const approved = await db.reports.get(report.id);
    expect(approved).toMatchObject({ status: 'approved', statusNote: { code: 'approved' } });
    expect(noteText(approved!.statusNote)).toMatch(/^Aprovado/);
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s up to a 5 min cap, with jitter between 50 % and 100 %', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 20].map((n) => backoffDelay(n, () => 1))).toEqual([2000, 4000, 8000, 16000, 32000, 256000, 300000, 300000]);
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(20, () => 0)).toBe(150000);
  });
});
