// "Painel das Ações de Mobilização Social": central sees the state (filter by unit), a regional
// unit its own municipalities. Figures come from GET /api/v1/panel; bars are inline SVG.
import { useState } from 'preact/hooks';
import type { PanelResponse } from '../../domain/api';
import { formatPeriod, recentPeriods } from '../../domain/period';
import type { Session } from '../../domain/session';
import { BarChart } from './BarChart';
import { DeadlineCounts } from './DeadlineCounts';
import { Lazy } from '../components/Lazy';
import { RegionalSelect } from './RegionalSelect';
import { PanelMap } from './PanelMap';
import { PanelPartners } from './PanelPartners';
import type { PartnersApi } from './partners-api';
import { RemoteNotice } from './RemoteNotice';
import { useDb } from '../db-context';
import { saveBlob } from '../download';
import { useRemote } from './use-remote';
import { href, navigate } from '../hooks/use-route';
import { cacheKey } from '../../db/remote-cache';
import { RemoteError, type ReviewApi } from './review-api';
import { themeLabel, typeLabel } from '../../domain/vocabulary';

const loadCoverage = () => import('../admin/Coverage');

import { formatNumber as fmt, formatPercent as pct, plural } from '../format';
const shortPeriod = (p: string) => `${p.slice(5, 7)}/${p.slice(0, 4)}`;

export default function Panel(props: { session: Session; api: ReviewApi; partners?: PartnersApi; from?: string; to?: string; regional?: string }) {
  const { session, api } = props;
  const db = useDb();
  const periods = recentPeriods(60);
  const to = props.to ?? periods[0];
  const from = props.from && props.from <= to ? props.from : `${to.slice(0, 4)}-01`;
  const isCentral = session.user.role === 'central';
  const regional = isCentral ? props.regional : session.user.regional;
  const remote = useRemote(db, cacheKey(session.user.id, `panel:${from}:${to}:${regional ?? 'MG'}`), () => api.panel({ from, to, regional }));
  const go = (q: { from?: string; to?: string; regional?: string }) => navigate(href.panel({ from, to, regional: isCentral ? regional : undefined, ...q }));
  const p = remote.data;

  return (
    <section aria-labelledby="panel-title" class="panel">
      <h2 id="panel-title">Painel das Ações de Mobilização Social</h2>
      <p class="subtitle">
        {regional ? `Unidade Regional de Saúde de ${regional}` : 'Minas Gerais — todas as unidades regionais'} · {formatPeriod(from)} a {formatPeriod(to)}
      </p>
      <div class="filters">
        <div class="field">
          <label for="p-from">De</label>
          <select id="p-from" value={from} onChange={(e) => go({ from: e.currentTarget.value })}>
            {periods.filter((x) => x <= to).map((x) => <option key={x} value={x}>{formatPeriod(x)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="p-to">Até</label>
          <select id="p-to" value={to} onChange={(e) => go({ to: e.currentTarget.value })}>
            {periods.filter((x) => x >= from).map((x) => <option key={x} value={x}>{formatPeriod(x)}</option>)}
          </select>
        </div>
        {isCentral && (
          <RegionalSelect id="p-regional" value={regional} onChange={(r) => go({ regional: r })} />
        )}
      </div>
      <RemoteNotice remote={remote} />
      {p && <Figures p={p} showRegionals={isCentral && !regional} />}
      {p && <DeadlineCounts session={session} api={api} query={{ from, to, regional }} showRegionals={isCentral && !regional} />}
      {p && props.partners && <PanelPartners api={props.partners} session={session} query={{ from, to, regional }} />}
      <PanelMap api={api} userId={session.user.id} from={from} to={to} regional={regional} />
      <CsvButton api={api} query={{ from, to, regional }} />
      {isCentral && <Lazy load={loadCoverage} props={{ session }} />}
    </section>
  );
}

function Figures({ p, showRegionals }: { p: PanelResponse; showRegionals: boolean }) {
  const t = p.totals;
  const s = p.reportsByStatus;
  return (
    <>
      <dl class="kpis">
        <div><dt>Ações</dt><dd data-testid="kpi-actions">{fmt(t.actions)}</dd></div>
        <div><dt>Participantes alcançados</dt><dd>{fmt(t.participants)}</dd></div>
        <div><dt>Relatórios recebidos</dt><dd>{fmt(t.reports)}</dd></div>
        <div><dt>Relatórios aprovados</dt><dd>{fmt(t.reportsApproved)}</dd></div>
        <div>
          <dt>Cobertura</dt>
          <dd>{pct(t.municipalitiesReporting, t.municipalities)}</dd>
          <dd class="kpi-detail">{fmt(t.municipalitiesReporting)} de {fmt(t.municipalities)} municípios enviaram</dd>
        </div>
      </dl>
      <p class="summary">
        Situação dos relatórios: {fmt(s.received)} aguardando revisão · {plural(s.returned, 'devolvido')} · {plural(s.approved, 'aprovado')} ·{' '}
        {plural(s.consolidated, 'consolidado')}. Ações e participantes não contam relatórios devolvidos até a correção chegar.
      </p>
      <div class="charts">
        <BarChart title="Ações por tema" note="Uma ação pode ter mais de um tema; por isso a soma pode passar do total de ações."
          bars={p.byTheme.map((b) => ({ label: themeLabel(b.key), value: b.count }))} />
        <BarChart title="Ações por tipo" bars={p.byType.map((b) => ({ label: typeLabel(b.key), value: b.count }))} />
        <BarChart title="Ações por mês" bars={p.byMonth.map((m) => ({ label: shortPeriod(m.period), value: m.actions, detail: `${fmt(m.participants)} participantes` }))} />
        {showRegionals && (
          <BarChart title="Ações por unidade regional"
            bars={[...p.byRegional].sort((a, b) => b.actions - a.actions).map((r) => ({
              label: r.regional, value: r.actions, detail: `${r.municipalitiesReporting} de ${r.municipalities} municípios`,
            }))} />
        )}
      </div>
      <h3>Municípios com mais ações</h3>
      {p.topMunicipalities.length === 0 ? <p class="empty">Nenhuma ação no período.</p> : (
        <table class="data-table">
          <thead><tr><th scope="col">Município</th><th scope="col">Unidade regional</th><th scope="col">Ações</th><th scope="col">Participantes</th></tr></thead>
          <tbody>
            {p.topMunicipalities.map((m) => (
              <tr key={m.code}><th scope="row">{m.name}</th><td>{m.regional}</td><td class="num">{fmt(m.actions)}</td><td class="num">{fmt(m.participants)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function CsvButton({ api, query }: { api: ReviewApi; query: { from: string; to: string; regional?: string } }) {
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const download = async () => {
    setState({ busy: true });
    try {
      const blob = await api.actionsCsv(query);
      saveBlob(`acoes-${query.from}-a-${query.to}.csv`, blob);
      setState({});
    } catch (e) {
      setState({ error: e instanceof RemoteError ? e.message : 'Não foi possível baixar a planilha.' });
    }
  };
  return (
    <>
      {state.error && <p class="error" role="alert">{state.error}</p>}
      <button type="button" class="button block" onClick={download} disabled={state.busy}>
        {state.busy ? 'Preparando planilha…' : 'Baixar planilha das ações (CSV)'}
      </button>
    </>
  );
}
