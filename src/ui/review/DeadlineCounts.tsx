// Painel (#14): per month and regional unit, how many municipalities sent on time, late, not at all.
import { formatDate } from '../../domain/period';
import type { Session } from '../../domain/session';
import { cacheKey } from '../../db/remote-cache';
import { useDb } from '../db-context';
import { formatNumber as fmt } from '../format';
import type { RangeQuery, ReviewApi } from './review-api';
import { useRemote } from './use-remote';

const HEAD = ['No prazo', 'Com atraso', 'Não enviaram', 'Prazo aberto'];

function Row({ label, c }: { label: string; c: { onTime: number; late: number; missing: number; open: number } }) {
  return <tr><th scope="row">{label}</th>{[c.onTime, c.late, c.missing, c.open].map((n, i) => <td key={i} class="num">{fmt(n)}</td>)}</tr>;
}

export function DeadlineCounts({ session, api, query, showRegionals }: { session: Session; api: ReviewApi; query: RangeQuery; showRegionals: boolean }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `panel-deadlines:${query.from}:${query.to}:${query.regional ?? 'MG'}`), () => api.panelDeadlines(query));
  const d = remote.data;
  if (!d) return null;
  const table = (first: string, rows: preact.ComponentChildren) => (
    <table class="deadline-table">
      <thead><tr><th scope="col">{first}</th>{HEAD.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>{rows}</tbody>
    </table>
  );
  return (
    <section aria-labelledby="deadline-counts-title" data-testid="deadline-counts">
      <h3 id="deadline-counts-title">Envio no prazo (municípios)</h3>
      {table('Mês (prazo)', d.byMonth.map((m) => <Row key={m.period} label={`${m.period.slice(5)}/${m.period.slice(0, 4)} (${formatDate(m.dueDate).slice(0, 5)})`} c={m} />))}
      {showRegionals && table('Unidade regional', d.byRegional.map((r) => <Row key={r.regional} label={r.regional} c={r} />))}
    </section>
  );
}
