import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { outboxItem } from '../../src/db/outbox';
import { queueReport } from '../../src/db/queue-report';
import { createHttpClient, HttpError } from '../../src/sync/http';
import { sendReport } from '../../src/sync/send-report';
import { createFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint';
import { freshDb } from '../helpers/fresh-db';
import { seedReadyReport } from '../helpers/seed';

let db: MobilizaDb;
let ep: FakeEndpoint;
const now = () => Date.parse('2026-11-23T12:00:00Z');

beforeEach(() => {
  db = freshDb();
  ep = createFakeEndpoint();
});
afterEach(() => db.close());

const http = () => createHttpClient({ fetch: ep.fetch, baseUrl: 'http://endpoint.test', token: 'tok' });
async function queued(photos = 2) {
  const report = await seedReadyReport(db, { photos });
  await queueReport(db, report.id, new Date(now()));
  return (await outboxItem(db, report.id))!;
}

describe('sendReport', () => {
  it('checks each photo with HEAD, uploads the missing ones, then PUTs the frozen body', async () => {
    const item = await queued(2);
    const sent = await sendReport(db, http(), item, now);
    expect(sent.kind).toBe('delivered');
    expect(ep.requests.map((r) => r.split(' ')[0])).toEqual(['HEAD', 'PUT', 'HEAD', 'PUT', 'PUT']);
    expect(ep.photos.size).toBe(2);
    expect(ep.reports.get(item.reportId)?.body).toBe(item.body);
    // uploads are remembered on the row with their progress
    expect((await outboxItem(db, item.reportId))?.uploaded.sort()).toEqual([...item.photoHashes].sort());
  });

  it('skips photos the row already knows as uploaded', async () => {
    const item = await queued(2);
    const sent = await sendReport(db, http(), { ...item, uploaded: [item.photoHashes[0]] }, now);
    expect(sent.kind).toBe('delivered');
    expect(ep.requests.filter((r) => r.startsWith('HEAD'))).toHaveLength(1);
  });

  it('re-uploads what the endpoint says is missing (409 missing_photos), then PUTs again once', async () => {
    const item = await queued(1);
    // the row believes the photo is there, the endpoint lost it
    const sent = await sendReport(db, http(), { ...item, uploaded: [...item.photoHashes] }, now);
    expect(sent.kind).toBe('delivered');
    expect(ep.requests.map((r) => r.split(' ')[0])).toEqual(['PUT', 'PUT', 'PUT']);
    expect(ep.photos.has(item.photoHashes[0])).toBe(true);
  });

  it('reports a photo missing on the phone instead of sending an incomplete report', async () => {
    const item = await queued(1);
    await db.photos.clear();
    const sent = await sendReport(db, http(), item, now);
    expect(sent).toEqual({ kind: 'photo-missing-locally', sha256: item.photoHashes[0] });
    expect(ep.reports.size).toBe(0);
  });

  it('throws the HTTP failure for drainOutbox to classify', async () => {
    const item = await queued(1);
    ep.fail(`PUT /api/v1/reports/${item.reportId}`, 503);
    await expect(sendReport(db, http(), item, now)).rejects.toBeInstanceOf(HttpError);
  });
});
