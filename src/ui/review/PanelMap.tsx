// The Painel's map: the same inline SVG the endpoint draws for /publico (GET /api/v1/panel/map),
// for the Painel's range and scope (a regional unit sees its own, zoomed), coloured by actions or
// by the status of one month's reports; a tap on a municipality opens its report. The map data
// never ships in the app: the endpoint renders it, and the last answer is kept for offline use.
import { useState } from 'preact/hooks';
import { cacheKey } from '../../db/remote-cache';
import { formatPeriod, periodRange } from '../../domain/period';
import { useDb } from '../db-context';
import type { MapMeasure, ReviewApi } from './review-api';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';

export function PanelMap(props: { api: ReviewApi; userId: string; from: string; to: string; regional?: string }) {
  const { api, from, to, regional } = props;
  const db = useDb();
  const [measure, setMeasure] = useState<MapMeasure>('acoes');
  const [chosenMonth, setMonth] = useState<string | undefined>(undefined);
  const months = periodRange(from, to).reverse();
  const month = chosenMonth && months.includes(chosenMonth) ? chosenMonth : to;
  const key = `panel-map:${from}:${to}:${regional ?? 'MG'}:${measure}:${measure === 'situacao' ? month : ''}`;
  const remote = useRemote(db, cacheKey(props.userId, key), () => api.panelMap({ from, to, regional, measure, month }));
  return (
    <section class="panel-map" aria-labelledby="panel-map-title">
      <h3 id="panel-map-title">Mapa</h3>
      <div class="filters">
        <div class="field">
          <label for="pm-measure">Colorir por</label>
          <select id="pm-measure" value={measure} onChange={(e) => setMeasure(e.currentTarget.value as MapMeasure)}>
            <option value="acoes">Ações no período</option>
            <option value="situacao">Situação dos relatórios de um mês</option>
          </select>
        </div>
        {measure === 'situacao' && (
          <div class="field">
            <label for="pm-month">Mês</label>
            <select id="pm-month" value={month} onChange={(e) => setMonth(e.currentTarget.value)}>
              {months.map((m) => <option key={m} value={m}>{formatPeriod(m)}</option>)}
            </select>
          </div>
        )}
      </div>
      <RemoteNotice remote={remote} />
      {remote.data && (
        // Markup drawn by our own endpoint from its committed map and escaped figures (no user text).
        <div class="map-box" dangerouslySetInnerHTML={{ __html: remote.data }} />
      )}
      <p class="hint">Toque num município para abrir o relatório dele (municípios sem relatório não abrem nada).</p>
    </section>
  );
}
