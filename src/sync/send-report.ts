import { ReportReceiptSchema, type ReportReceipt } from '../domain/api';
import type { OutboxItem } from '../domain/outbox';
import type { MobilizaDb } from '../db/database';
import { markUploaded, patchItem } from '../db/outbox';
import { photoBySha256 } from '../db/photos';
import { HttpError, type HttpClient } from './http';

export type SendResult = { kind: 'delivered'; receipt: ReportReceipt } | { kind: 'photo-missing-locally'; sha256: string };

/**
 * Delivers one queued report, idempotently: every photo is checked with HEAD and PUT only when the
 * endpoint lacks it (and remembered in the row, so a crash never causes a second upload), then the
 * frozen report body is PUT; on 409 missing_photos those photos are uploaded and the PUT tried once
 * more. Failures are thrown (HttpError or network/timeout errors) for drainOutbox to classify.
 */
export async function sendReport(db: MobilizaDb, http: HttpClient, item: OutboxItem, now: () => number): Promise<SendResult> {
  const photos = await Promise.all(item.photoHashes.map((sha) => photoBySha256(db, sha)));
  const sizeOf = (sha: string) => photos.find((p) => p?.sha256 === sha)?.byteSize ?? 0;
  const bytesTotal = item.photoHashes.reduce((n, sha) => n + sizeOf(sha), 0);
  const uploaded = new Set(item.uploaded);
  const progress = () => {
    const done = item.photoHashes.filter((sha) => uploaded.has(sha));
    return { photosDone: done.length, photosTotal: item.photoHashes.length, bytesDone: done.reduce((n, s) => n + sizeOf(s), 0), bytesTotal, at: now() };
  };

  const upload = async (sha: string, checkFirst: boolean): Promise<SendResult | undefined> => {
    await patchItem(db, item, { progress: progress() });
    if (checkFirst) {
      const head = await http.request('HEAD', `/photos/${sha}`);
      if (head.status === 200) {
        uploaded.add(sha);
        await markUploaded(db, item, sha, progress());
        return undefined;
      }
    }
    const photo = photos.find((p) => p?.sha256 === sha) ?? (await photoBySha256(db, sha));
    if (!photo) return { kind: 'photo-missing-locally', sha256: sha };
    await http.request('PUT', `/photos/${sha}`, { body: photo.blob, contentType: photo.mimeType, bytes: photo.byteSize });
    uploaded.add(sha);
    await markUploaded(db, item, sha, progress());
    return undefined;
  };

  for (const sha of item.photoHashes) {
    if (uploaded.has(sha)) continue;
    const stop = await upload(sha, true);
    if (stop) return stop;
  }

  const putReport = async () => {
    const res = await http.request('PUT', `/reports/${item.reportId}`, {
      body: item.body,
      contentType: 'application/json',
      bytes: item.body.length,
    });
    return ReportReceiptSchema.parse(await res.json());
  };

  try {
    return { kind: 'delivered', receipt: await putReport() };
  } catch (error) {
    const missing = error instanceof HttpError && error.status === 409 && error.body?.error?.code === 'missing_photos' ? error.body.error.missing ?? [] : null;
    if (!missing) throw error;
    for (const sha of missing) {
      uploaded.delete(sha);
      const stop = await upload(sha, false);
      if (stop) return stop;
    }
    return { kind: 'delivered', receipt: await putReport() };
  }
}
