import type { MaterialRecord } from '../../domain/material';
import { saveBlob } from '../download';

/** What the share sheet needs (tests pass a stub; the page passes navigator). */
export type ShareNav = Pick<Navigator, 'canShare' | 'share'>;

/**
 * Shares the file (WhatsApp and others through the system sheet) where the browser can share
 * files — Android Chrome takes images and PDFs —, else downloads it. Cancelling the sheet is not
 * an error; a refused share falls back to the download.
 */
export async function shareMaterial(nav: Partial<ShareNav>, m: MaterialRecord, blob: Blob): Promise<'shared' | 'cancelled' | 'downloaded'> {
  const name = m.fileName ?? 'material';
  const file = new File([blob], name, { type: m.mimeType ?? blob.type });
  if (nav.canShare?.({ files: [file] }) && nav.share) {
    try {
      await nav.share({ files: [file], title: m.title });
      return 'shared';
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return 'cancelled';
    }
  }
  saveBlob(name, blob);
  return 'downloaded';
}
