// Plan B (#17): a queued report as files for WhatsApp — its photos and the signed .txt manifest —
// through the share sheet where the browser can share files, downloaded otherwise. Android
// Chrome shares images and text but not zip or json, hence one file per photo plus a .txt.
import type { MobilizaDb } from '../../db/database';
import { outboxItem } from '../../db/outbox';
import { photoBySha256 } from '../../db/photos';
import { getSession } from '../../db/session';
import { isAbortError } from '../../domain/errors';
import { findMunicipality } from '../../domain/municipality';
import { buildManifest, packagePhotos, secretBytes } from '../../domain/report-package';
import { saveBlob } from '../download';
import { PLAN_B_TEXT } from '../messages';

export type PlanBOutcome = 'shared' | 'downloaded' | 'cancelled';
/** Why no package could be made (texts in PLAN_B_TEXT.refused). */
export class PlanBError extends Error {
  constructor(readonly code: 'not_queued' | 'no_device' | 'photo_missing') {
    super(code);
    this.name = 'PlanBError';
  }
}

type Share = Pick<Navigator, 'share'> & { canShare?: Navigator['canShare'] };

/** Builds the package of the report's queued revision (the outbox body as frozen) as files. */
export async function packageFiles(db: MobilizaDb, reportId: string): Promise<File[]> {
  const item = await outboxItem(db, reportId);
  if (!item) throw new PlanBError('not_queued');
  const device = (await getSession(db))?.device;
  if (!device) throw new PlanBError('no_device');
  const s = JSON.parse(item.body);
  const photos: File[] = [];
  for (const p of packagePhotos(s)) {
    const blob = (await photoBySha256(db, p.sha256))?.blob;
    if (!blob) throw new PlanBError('photo_missing');
    photos.push(new File([blob], p.file, { type: blob.type || 'image/jpeg' }));
  }
  const m = findMunicipality(s.municipalityCode);
  const header = PLAN_B_TEXT.header(m?.name ?? s.municipalityCode, s.period, s.revision, photos.length);
  const text = await buildManifest({ deviceId: device.id, secret: secretBytes(device.secret), body: item.body }, header);
  const name = PLAN_B_TEXT.fileName(m?.name ?? s.municipalityCode, s.period);
  return [...photos, new File([text], name, { type: 'text/plain' })];
}

/** Shares the package (or downloads each file when the browser cannot share files). */
export async function sharePackage(db: MobilizaDb, reportId: string, nav: Share = navigator): Promise<PlanBOutcome> {
  const files = await packageFiles(db, reportId);
  if (nav.canShare?.({ files })) {
    try {
      await nav.share({ files, title: files.at(-1)!.name });
      return 'shared';
    } catch (e) {
      if (isAbortError(e)) return 'cancelled';
      // NotAllowedError (no user gesture left after a slow build) and the like: download instead
    }
  }
  for (const f of files) saveBlob(f.name, f);
  return 'downloaded';
}
