// Reviewer lists (#14): the month's due date, the municipalities late (not sent after it) and
// those that sent after it, from GET /deadlines/status (loaded by the list).
import { formatDate } from '../../domain/period';
import type { DeadlineStatusResponse } from '../../domain/deadline-settings';

export function DeadlineStanding({ data: d }: { data: DeadlineStatusResponse }) {
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
