import { PHOTOS_MISSING_BATCH, PhotosMissingResponseSchema, ReportReceiptSchema, type ReportReceipt } from '../domain/api';
import type { OutboxItem } from '../domain/outbox';
import type { MobilizaDb } from '../db/database';
import { markUploaded, patchItem } from '../db/outbox';
import { photoBySha256 } from '../db/photos';
import { HttpError, type HttpClient } from './http';

export type SendResult = { kind: 'delivered'; receipt: ReportReceipt } | { kind: 'photo-missing-locally'; sha256: string };

/**
 * Photo uploads in flight at once. Two keep a slow uplink busy while one upload waits for its answer
 * (a round trip per photo hidden), and a dropped connection costs at most the photos in flight.
 */
export const UPLOAD_CONCURRENCY = 2;

/**
 * Delivers one queued report, idempotently: one `POST /photos/missing` (per 200 photos) asks which
 * photos the endpoint lacks; only those are PUT, two at a time, and each is remembered in the row
 * once stored, so a crash or a dropped link never uploads a stored photo again. Then the frozen
 * report body is PUT; on 409 missing_photos (the safety net: the endpoint lost a photo after
 * saying it had it) those photos are uploaded and the PUT tried once more. Failures are thrown
 * (HttpError or network/timeout errors) for drainOutbox to classify.
 */
export async function sendReport(db: MobilizaDb, http: HttpClient, item: OutboxItem, now: () => number): Promise<SendResult> {
  const photos = await Promise.all(item.photoHashes.map((sha) => photoBySha256(db, sha)));
  const photoOf = (sha: string) => photos.find((p) => p?.sha256 === sha);
  const sizeOf = (sha: string) => photoOf(sha)?.byteSize ?? 0;
  const bytesTotal = item.photoHashes.reduce((n, sha) => n + sizeOf(sha), 0);
  const uploaded = new Set(item.uploaded);
  const progress = () => {
    const done = item.photoHashes.filter((sha) => uploaded.has(sha));
    return { photosDone: done.length, photosTotal: item.photoHashes.length, bytesDone: done.reduce((n, s) => n + sizeOf(s), 0), bytesTotal, at: now() };
  };

  /** PUTs `shas` (all known missing at the endpoint); the first failure is thrown once the others in flight settle. */
  const uploadAll = async (shas: string[]): Promise<SendResult | undefined> => {
    const lacking = shas.find((sha) => !photoOf(sha)?.blob);
    if (lacking) return { kind: 'photo-missing-locally', sha256: lacking };
    await patchItem(db, item, { progress: progress() });
    const queue = [...shas];
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      for (let sha = queue.shift(); sha && !failure; sha = queue.shift()) {
        const photo = photoOf(sha)!;
        try {
          await http.request('PUT', `/photos/${sha}`, { body: photo.blob, contentType: photo.mimeType, bytes: photo.byteSize });
        } catch (error) {
          failure ??= { error };
          return;
        }
        uploaded.add(sha);
        await markUploaded(db, item, sha, progress());
      }
    };
    await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, shas.length) }, lane));
    if (failure) throw failure.error;
    return undefined;
  };

  const unknown = item.photoHashes.filter((sha) => !uploaded.has(sha));
  const missing: string[] = [];
  for (let i = 0; i < unknown.length; i += PHOTOS_MISSING_BATCH) {
    const batch = unknown.slice(i, i + PHOTOS_MISSING_BATCH);
    const res = await http.request('POST', '/photos/missing', { body: JSON.stringify({ sha256: batch }), contentType: 'application/json' });
    const lacks = new Set(PhotosMissingResponseSchema.parse(await res.json()).missing);
    missing.push(...batch.filter((sha) => lacks.has(sha)));
    const stored = batch.filter((sha) => !lacks.has(sha));
    for (const sha of stored) uploaded.add(sha);
    if (stored.length) await markUploaded(db, item, stored, progress());
  }
  const stop = await uploadAll(missing);
  if (stop) return stop;

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
    const lost = error instanceof HttpError && error.status === 409 && error.body?.error?.code === 'missing_photos' ? error.body.error.missing ?? [] : null;
    if (!lost) throw error;
    for (const sha of lost) uploaded.delete(sha);
    const again = await uploadAll(lost.filter((sha) => item.photoHashes.includes(sha)));
    if (again) return again;
    return { kind: 'delivered', receipt: await putReport() };
  }
}
