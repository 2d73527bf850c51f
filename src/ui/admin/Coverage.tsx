// Núcleo coverage on the Painel (central): active núcleos and last month's reports per regional unit.
import { useState } from 'preact/hooks';
import type { Session } from '../../domain/session';
import { formatPeriod } from '../../domain/period';
import type { Fetch } from '../../sync/http';
import { RemoteNotice } from '../review/RemoteNotice';
import { useDb } from '../db-context';
import { saveBlob } from '../download';
import { useRemote } from '../review/use-remote';
import { cacheKey } from '../../db/remote-cache';
import type { RemoteError } from '../review/review-api';
import { useAdminApi } from './use-admin-api';
import './admin.css';

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');

export default function Coverage({ session, fetch }: { session: Session; fetch?: Fetch }) {
  const db = useDb();
  const api = useAdminApi(session, fetch);
  const remote = useRemote(db, cacheKey(session.user.id, 'coverage'), () => api.coverage());
  const c = remote.data;
  const [csvError, setCsvError] = useState('');
  const downloadCsv = async () => {
    setCsvError('');
    try {
      saveBlob(`nucleos-${new Date().toISOString().slice(0, 7)}.csv`, await api.nucleosCsv());
    } catch (e) {
      setCsvError((e as RemoteError).message);
    }
  };
  return (
    <section aria-labelledby="coverage-title" class="coverage section">
      <h3 id="coverage-title">Núcleos de Mobilização Social</h3>
      <RemoteNotice remote={remote} />
      {c && (
        <>
          <dl class="kpis">
            <div><dt>Municípios com núcleo ativo</dt><dd>{c.totals.withNucleo} de {c.totals.municipalities}</dd><dd class="kpi-detail">{pct(c.totals.withNucleo, c.totals.municipalities)} · agente que entrou nos últimos {c.activeDays} dias</dd></div>
            <div><dt>Enviaram o relatório de {formatPeriod(c.lastMonth)}</dt><dd>{c.totals.reportedLastMonth}</dd><dd class="kpi-detail">{pct(c.totals.reportedLastMonth, c.totals.municipalities)} dos municípios</dd></div>
          </dl>
          <div class="table-scroll">
            <table class="data-table">
              <thead><tr><th>Unidade regional</th><th class="num">Municípios</th><th class="num">Núcleo ativo</th><th class="num">Relatório de {formatPeriod(c.lastMonth)}</th></tr></thead>
              <tbody>
                {c.byRegional.map((r) => (
                  <tr key={r.regional}>
                    <th scope="row">{r.regional}</th>
                    <td class="num">{r.municipalities}</td>
                    <td class="num">{r.withNucleo} ({pct(r.withNucleo, r.municipalities)})</td>
                    <td class="num">{r.reportedLastMonth}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details class="not-sent section">
            <summary>Municípios sem núcleo ativo ({c.withoutNucleo.length})</summary>
            <ul class="names">{c.withoutNucleo.map((m) => <li key={m.code}>{m.name} <span class="hint">({m.regional})</span></li>)}</ul>
          </details>
        </>
      )}
      {csvError && <p class="error" role="alert">{csvError}</p>}
      <button type="button" class="button secondary" onClick={downloadCsv}>Baixar núcleos por município (CSV)</button>
    </section>
  );
}
