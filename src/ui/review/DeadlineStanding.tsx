// Reviewer lists (#14): the month's due date, the municipalities late (not sent after it) and
// those that sent after it, from GET /deadlines/status.
import { formatDate } from '../../domain/period';
import type { Session } from '../../domain/session';
import { cacheKey } from '../../db/remote-cache';
import { useDb } from '../db-context';
import type { ReviewApi } from './review-api';
import { useRemote } from './use-remote';

export function DeadlineStanding({ session, api, period, regional }: { session: Session; api: ReviewApi; period: string; regional?: string }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `deadlines:${period}:${regional ?? 'MG'}`), () => api.deadlines(period, regional));
  const d = remote.data;
  if (!d) return null;
  const of = (t: string) => d.municipalities.filter((m) => m.timing === t).map((m) => m.name);
  const missing = of('missing');
  const late = of('late');
  return (
    <div class="section deadline-standing" data-testid="deadline-standing">
      <p>
        Prazo de envio: <strong>{formatDate(d.dueDate)}</strong>
        {missing.length > 0 ? ` — ${missing.length} ${missing.length === 1 ? 'município atrasado' : 'municípios atrasados'} (não enviaram)` : ''}
      </p>
      {missing.length > 0 && <p class="late-names" data-testid="late-missing">Atrasados: {missing.join(', ')}</p>}
      {late.length > 0 && <p data-testid="late-sent">Enviaram depois do prazo: {late.join(', ')}</p>}
    </div>
  );
}
