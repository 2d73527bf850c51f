import { useEffect, useState } from 'preact/hooks';
import type { PhotoView } from './report-view';

export type LoadPhoto = (sha256: string, signal: AbortSignal) => Promise<Blob>;

/**
 * An object URL for a report photo: the phone's own Blob, or the endpoint's bytes fetched with the
 * session token (an <img src> cannot carry it). Revoked on unmount.
 */
export function usePhotoUrl(photo: PhotoView, load?: LoadPhoto): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    setState({ failed: false });
    const blob = photo.blob ? Promise.resolve(photo.blob) : load ? load(photo.sha256, controller.signal) : Promise.reject(new Error('no source'));
    blob.then(
      (b) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(b);
        setState({ url, failed: false });
      },
      () => !controller.signal.aborted && setState({ failed: true }),
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
    // `key` names the photo; `load` is a new closure on every render
  }, [photo.key]);
  return state;
}
