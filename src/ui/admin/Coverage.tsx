// Núcleo coverage on the Painel (central): active núcleos and last month's reports per regional unit.
import { useMemo } from 'preact/hooks';
import type { Session } from '../../domain/session';
import { formatPeriod } from '../../domain/period';
import { markSessionExpired } from '../../db/session';
import { apiBaseUrl } from '../../sync/config';
import type { Fetch } from '../../sync/http';
import { RemoteNotice } from '../review/RemoteNotice';
import { useDb } from '../db-context';
import { useRemote } from '../review/use-remote';
import { cacheKey } from '../../db/remote-cache';
import type { RemoteError } from '../review/review-api';
import { createAdminApi } from './admin-api';
import './admin.css';

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');

export default function Coverage({ session, fetch }: { session: Session; fetch?: Fetch }) {
  const db = useDb();
  const api = useMemo(
    () => createAdminApi({ fetch: fetch ?? ((i, init) => globalThis.fetch(i, init)), baseUrl: apiBaseUrl(), token: session.token, onExpired: () => void markSessionExpired(db) }),
    [db, fetch, session.token],
  );
  const remote = useRemote(db, cacheKey(session.user.id, 'coverage'), () => api.coverage());
  const c = remote.data;
  const downloadCsv = async () => {
    try {
      const blob = await api.nucleosCsv();
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: `nucleos-${new Date().toISOString().slice(0, 7)}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      alert((e as RemoteError).message);
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
      <button type="button" class="button secondary" onClick={downloadCsv}>Baixar núcleos por município (CSV)</button>
    </section>
  );
}
