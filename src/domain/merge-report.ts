// One report per municipality and month: merging a second report's actions into the kept one.
import type { ReportSubmission } from './report';

/**
 * The kept report's submission with `extra`'s actions appended as a new revision: actions keep
 * their order and are renumbered 1, 2, 3… (their photos keep their per-action numbers, so
 * "Foto 2.1" of the second report becomes "Foto 5.1" when its action 2 becomes action 5). An
 * action already present (same id) is not added twice. Notes of both are kept.
 */
export function appendActions(
  kept: ReportSubmission,
  extra: Pick<ReportSubmission, 'actions' | 'notes'>,
  revision: number,
  submittedAt: Date,
): ReportSubmission {
  const have = new Set(kept.actions.map((a) => a.id));
  const actions = [...kept.actions, ...extra.actions.filter((a) => !have.has(a.id))].map((a, i) => ({ ...a, number: i + 1 }));
  const notes = [kept.notes, extra.notes].filter((n, i, all): n is string => !!n && all.indexOf(n) === i).join('\n\n');
  return {
    ...kept,
    revision,
    actions,
    notes: notes || undefined,
    noActionsJustification: actions.length ? undefined : kept.noActionsJustification,
    submittedAt: submittedAt.toISOString(),
  };
}
