import { useEffect, useMemo } from 'preact/hooks';

/**
 * An object URL for `blob`, revoked when `key` changes or on unmount. Live queries hand out a
 * new Blob object on every change, so the URL follows a stable key (photo id + sha256) instead.
 */
export function useObjectUrl(blob: Blob | undefined, key: string): string | undefined {
  // only these inputs decide when to run again (the callback is a new closure each render)
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [key, !!blob]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  return url;
}
