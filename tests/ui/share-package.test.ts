// @vitest-environment node
// "Enviar pelo WhatsApp" (#17 Plan B) on the phone: the package of a queued report is its photos as
// files named "Foto 1.1.jpg"… and a .txt whose manifest carries the outbox body exactly and a tag
// the device's secret verifies. (Node environment: a jsdom Blob does not survive fake-indexeddb.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MobilizaDb } from '../../src/db/database';
import { outboxItem } from '../../src/db/outbox';
import { queueReport } from '../../src/db/queue-report';
import { putSetting } from '../../src/db/settings';
import { secretBytes } from '../../src/domain/report-package';
import { parseManifest, verifyPackage } from '../../src/domain/report-package-verify';
import type { Session } from '../../src/domain/session';
import { packageFiles, PlanBError, sharePackage } from '../../src/ui/plan-b/share-package';
import { freshDb } from '../helpers/fresh-db';
import { AGENT, seedReadyReport } from '../helpers/seed';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const SECRET = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
const DEVICE = { id: '0b9c3f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f', secret: SECRET };
let db: MobilizaDb;

beforeEach(async () => {
  db = freshDb();
  await putSetting(db, 'session', { token: 'tok', expiresAt: '2027-05-01T00:00:00.000Z', user: AGENT, device: DEVICE } satisfies Session);
});
afterEach(() => db.close());

async function queued() {
  const report = await seedReadyReport(db, { actions: 2, photos: 2 });
  await queueReport(db, report.id, NOW);
  return report;
}
const bytesOf = async (f: File) => new Uint8Array(await f.arrayBuffer());

describe('the Plan B package on the phone', () => {
  it('is the photos, named by their label, plus a .txt whose manifest verifies with the device secret', async () => {
    const report = await queued();
    const files = await packageFiles(db, report.id);
    expect(files.map((f) => f.name)).toEqual(['Foto 1.1.jpg', 'Foto 1.2.jpg', 'Foto 2.1.jpg', 'Foto 2.2.jpg', 'Relatório Belo Horizonte 2026-11.txt']);
    expect(files.map((f) => f.type)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg', 'image/jpeg', 'text/plain']);
    const text = await files[4].text();
    expect(text).toContain('Relatório mensal do Mobiliza — Belo Horizonte, novembro de 2026 (revisão 1)');
    expect(text).toContain('selecione este arquivo junto com as 4 fotos');
    const m = parseManifest(text)!;
    expect(m.body).toBe((await outboxItem(db, report.id))!.body);
    expect(m.deviceId).toBe(DEVICE.id);
    const photos = await Promise.all(files.slice(0, 4).map(async (f) => ({ name: f.name, bytes: await bytesOf(f) })));
    const check = await verifyPackage(m, { secret: secretBytes(SECRET), municipalityCode: '3106200' }, photos);
    expect(check.ok).toBe(true);
    // another secret does not verify it
    const other = await verifyPackage(m, { secret: new Uint8Array(32), municipalityCode: '3106200' }, photos);
    expect(other).toEqual({ ok: false, code: 'package_tampered' });
  });

  it('goes to the share sheet when the browser can share the files, else it is downloaded; Cancel is silent', async () => {
    const report = await queued();
    const shared: File[][] = [];
    const nav = { canShare: (d?: ShareData) => !!d?.files?.length, share: async (d?: ShareData) => void shared.push(d!.files!) };
    expect(await sharePackage(db, report.id, nav)).toBe('shared');
    expect(shared[0].map((f) => f.name).at(-1)).toBe('Relatório Belo Horizonte 2026-11.txt');
    const cancel = { canShare: () => true, share: async () => { throw new DOMException('Share canceled', 'AbortError'); } };
    expect(await sharePackage(db, report.id, cancel)).toBe('cancelled');
  });

  it('refuses with a reason: a report not in the queue, a phone signed in before Plan B', async () => {
    const draft = await seedReadyReport(db, { period: '2026-10' });
    await expect(packageFiles(db, draft.id)).rejects.toEqual(new PlanBError('not_queued'));
    const report = await queued();
    await putSetting(db, 'session', { token: 'tok', expiresAt: '2027-05-01T00:00:00.000Z', user: AGENT } satisfies Session);
    await expect(packageFiles(db, report.id)).rejects.toMatchObject({ code: 'no_device' });
  });
});
