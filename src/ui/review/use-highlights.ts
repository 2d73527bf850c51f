import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Highlight } from '../../domain/highlight';
import type { ReviewApi } from './review-api';

/** The highlights of one report (online only: publishing needs the network anyway). */
export function useHighlights(api: ReviewApi, reportId: string) {
  const [list, setList] = useState<Highlight[]>([]);
  useEffect(() => {
    let live = true;
    api.highlights(reportId).then((l) => live && setList(l), () => {});
    return () => {
      live = false;
    };
  }, [api, reportId]);
  const replace = useCallback((h: Highlight) => setList((l) => [...l.filter((x) => x.id !== h.id), h]), []);
  return { byAction: (actionId: string) => list.find((h) => h.actionId === actionId), replace };
}
