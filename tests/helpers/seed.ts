// Seeds complete, ready-to-send reports into a test database.
import { createHash } from 'node:crypto';
import { addAction } from '../../src/db/actions';
import type { MobilizaDb } from '../../src/db/database';
import { createReport } from '../../src/db/reports';
import { putSetting } from '../../src/db/settings';
import type { PhotoRecord } from '../../src/domain/photo';
import type { Session } from '../../src/domain/session';

export const AGENT: Session['user'] = { id: 'u-ana', login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200' };

export async function signIn(db: MobilizaDb, token = 'tok', user = AGENT): Promise<void> {
  await putSetting(db, 'session', { token, expiresAt: '2027-05-01T00:00:00.000Z', user } satisfies Session);
}

let counter = 0;

/** A complete report for `period` with `actions` actions × `photos` photos each (distinct bytes). */
export async function seedReadyReport(db: MobilizaDb, { period = '2026-11', actions = 1, photos = 1, ownerId = AGENT.id } = {}) {
  const report = await createReport(db, { ownerId, municipalityCode: '3106200', period, responsible: { name: 'Ana Souza' } });
  for (let a = 0; a < actions; a++) {
    const action = await addAction(db, report.id, {
      date: `${period}-0${a + 1}`, title: `Ação ${a + 1}`, type: 'palestra', themes: ['arboviroses'],
      place: { description: 'Escola', zone: 'urbana' }, audience: ['criancas'], participants: 20,
    });
    for (let p = 0; p < photos; p++) {
      const bytes = new Uint8Array(2000 + p).fill(++counter % 251);
      bytes[0] = 0xff; bytes[1] = 0xd8; bytes[2] = 0xff;
      bytes[3] = counter & 0xff; bytes[4] = (counter >> 8) & 0xff;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const row: PhotoRecord = {
        id: crypto.randomUUID(), actionId: action.id, reportId: report.id, number: p + 1, caption: '', sha256,
        mimeType: 'image/jpeg', byteSize: bytes.length, width: 1600, height: 1200, fileName: `f${p}.jpg`, fileSize: 5_000_000,
        blob: new Blob([bytes], { type: 'image/jpeg' }), thumb: new Blob([bytes.slice(0, 10)], { type: 'image/jpeg' }), createdAt: '',
      };
      await db.photos.add(row);
    }
  }
  return report;
}
