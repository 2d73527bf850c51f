// The Painel's partnerships (#16): distinct partners by sector in the period (GET /panel/partners;
// a partner named in many actions counts once; counted reports only).
import { cacheKey } from '../../db/remote-cache';
import type { Session } from '../../domain/session';
import { sectorLabel } from '../../domain/vocabulary';
import { useDb } from '../db-context';
import { formatNumber } from '../format';
import { BarChart } from './BarChart';
import type { PartnersApi } from './partners-api';
import type { RangeQuery } from './review-api';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';

export function PanelPartners({ api, session, query }: { api: PartnersApi; session: Session; query: RangeQuery }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `panel-partners:${query.from}:${query.to}:${query.regional ?? 'MG'}`), () => api.panel(query));
  const p = remote.data;
  return (
    <section class="section panel-partners" aria-labelledby="pp-title">
      <h3 id="pp-title">Parceiros nas ações</h3>
      <RemoteNotice remote={remote} />
      {p && (
        <>
          <p class="summary" data-testid="panel-partners-total">
            {formatNumber(p.total)} {p.total === 1 ? 'parceiro distinto' : 'parceiros distintos'} em {formatNumber(p.byMunicipality.length)}{' '}
            {p.byMunicipality.length === 1 ? 'município' : 'municípios'}. Um parceiro de várias ações conta uma vez.
          </p>
          {p.bySector.length === 0 ? <p class="empty">Nenhum parceiro registrado nas ações do período.</p> : (
            <BarChart title="Parceiros distintos por setor" valueLabel="Parceiros"
              bars={p.bySector.map((s) => ({ label: sectorLabel(s.sector), value: s.partners }))} />
          )}
        </>
      )}
    </section>
  );
}
