import { useMemo, useState } from 'preact/hooks';
import type { Nucleo, NucleoList as NucleoListData } from '../../domain/accounts-api';
import { formatPeriod } from '../../domain/period';
import { foldForSearch } from '../../domain/text';
import { RemoteNotice } from '../review/RemoteNotice';
import type { Remote } from '../review/use-remote';
import { adminHref } from './admin-routes';

export const NUCLEO_LABEL: Record<Nucleo['state'], string> = {
  active: 'Núcleo ativo',
  inactive: 'Sem acesso há 90 dias',
  none: 'Sem conta',
};

const FILTERS = { all: 'Todos', none: 'Sem conta', inactive: 'Sem acesso recente', active: 'Núcleo ativo' } as const;
type Filter = keyof typeof FILTERS;

/** "Núcleos municipais": every municipality in scope with its núcleo state; accent-insensitive search. */
export function NucleoList({ remote, initialQuery }: { remote: Remote<NucleoListData>; initialQuery?: string }) {
  const [query, setQuery] = useState(initialQuery ?? '');
  const [filter, setFilter] = useState<Filter>('all');
  const all = remote.data?.municipalities ?? [];
  const shown = useMemo(() => {
    const q = foldForSearch(query);
    return all.filter((m) => (filter === 'all' || m.state === filter) && (!q || foldForSearch(m.name).includes(q) || m.code.startsWith(q)));
  }, [all, query, filter]);
  const count = (s: Nucleo['state']) => all.filter((m) => m.state === s).length;
  const lastMonth = remote.data?.lastMonth;

  return (
    <section aria-labelledby="nucleos-title">
      <h2 id="nucleos-title">Núcleos municipais</h2>
      <RemoteNotice remote={remote} />
      {remote.data && (
        <>
          <p class="summary">
            {all.length} municípios · {count('active')} com núcleo ativo · {count('inactive')} sem acesso há 90 dias · {count('none')} sem conta
          </p>
          <div class="filters">
            <div class="field">
              <label for="n-search">Buscar município</label>
              <input id="n-search" type="search" value={query} placeholder="Nome ou código IBGE" onInput={(e) => setQuery(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="n-state">Situação</label>
              <select id="n-state" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
                {(Object.keys(FILTERS) as Filter[]).map((f) => <option key={f} value={f}>{FILTERS[f]}</option>)}
              </select>
            </div>
          </div>
          {shown.length === 0 ? (
            <p class="empty">Nenhum município encontrado{query ? ` para "${query}"` : ''}.</p>
          ) : (
            <ul class="cards nucleos">
              {shown.slice(0, 200).map((m) => (
                <li key={m.code} class="card">
                  <a class="card-link" href={adminHref.municipality(m.code)}>
                    <span class="card-title review-title">{m.name}</span>
                    <span class={`badge nucleo-${m.state}`}>{NUCLEO_LABEL[m.state]}</span>
                    <span class="card-counts">
                      {m.agents === 0 ? 'Nenhum agente' : `${m.activeAgents} de ${m.agents} ${m.agents === 1 ? 'agente ativo' : 'agentes ativos'}`} ·{' '}
                      {m.lastReportPeriod ? `último relatório: ${formatPeriod(m.lastReportPeriod)}` : 'nenhum relatório'}
                      {lastMonth && m.lastReportPeriod && m.lastReportPeriod >= lastMonth ? ' ✓' : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {shown.length > 200 && <p class="hint">Mostrando 200 de {shown.length}. Use a busca para encontrar os demais.</p>}
        </>
      )}
    </section>
  );
}
