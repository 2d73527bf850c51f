import { useLayoutEffect, useState } from 'preact/hooks';
import { MergeRefusedError } from '../../db/history';
import type { ReportDraft } from '../../domain/report';
import { mergeHere, NotSignedInError } from '../../sync/history-here';
import { HttpError } from '../../sync/http';
import { createStore, useStore } from '../app-events';
import { useDb } from '../db-context';
import { href, navigate } from '../hooks/use-route';
import { conflictText, HISTORY_TEXT } from '../messages';

/** The report a merge just produced: its editor says so once (the conflict notice leaves with the conflict). */
export const justMerged = createStore<string | null>(null);

/** "Ações juntadas…" on the merged report, until the agent leaves it. */
export function MergedNotice({ reportId }: { reportId: string }) {
  const merged = useStore(justMerged);
  // a layout effect: its clean-up exists from the first paint, so even an editor left at once clears it
  useLayoutEffect(
    () => () => {
      if (justMerged.get() === reportId) justMerged.set(null);
    },
    [reportId],
  );
  return merged === reportId ? <p class="notice ok" role="status" data-testid="merged">{HISTORY_TEXT.merged}</p> : null;
}

/**
 * A local draft whose month already has a report at the endpoint (409 period_taken): says so and
 * offers to append this phone's actions to that report as its next revision. The draft is kept
 * as it is until the agent chooses, and whenever merging is not possible.
 */
export function ConflictNotice({ report }: { report: ReportDraft }) {
  const db = useDb();
  const conflict = report.conflict;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!conflict) return null;
  const open = conflict.status === 'received' || conflict.status === 'returned';

  const merge = async () => {
    setBusy(true);
    setError('');
    try {
      const merged = await mergeHere(db, report.id);
      justMerged.set(merged.id);
      navigate(href.report(merged.id));
    } catch (e) {
      setError(
        e instanceof MergeRefusedError ? HISTORY_TEXT.mergeLocked
          : e instanceof NotSignedInError || (e instanceof HttpError && e.status === 401) ? HISTORY_TEXT.mergeSignIn
            : e instanceof HttpError ? HISTORY_TEXT.mergeFailed
              : (e as Error)?.name === 'TypeError' || (e as Error)?.name === 'TimeoutError' ? HISTORY_TEXT.mergeOffline
                : HISTORY_TEXT.mergeFailed,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="notice conflict" role="status" data-testid="conflict">
      <p><strong>{conflictText(conflict)}</strong></p>
      {open ? (
        <>
          <p>{HISTORY_TEXT.mergeOffer(conflict.revision + 1)}</p>
          <button type="button" class="button primary" disabled={busy} onClick={() => void merge()}>
            {busy ? HISTORY_TEXT.merging : HISTORY_TEXT.mergeButton}
          </button>
        </>
      ) : (
        <>
          <p>{HISTORY_TEXT.mergeLocked}</p>
          <button type="button" class="button small" disabled={busy} onClick={() => void merge()}>
            {busy ? HISTORY_TEXT.merging : HISTORY_TEXT.mergeRetry}
          </button>
        </>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
