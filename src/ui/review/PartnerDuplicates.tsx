// Near-duplicate partners of one municipality ("E.E." ≈ "Escola Estadual", typos, word order):
// suggestions only. The reviewer picks the record that stays and confirms; the endpoint moves the
// history and audits the merge with both records.
import { useState } from 'preact/hooks';
import { cacheKey } from '../../db/remote-cache';
import { findMunicipality } from '../../domain/municipality';
import type { PartnerRecord } from '../../domain/partner-registry';
import type { Session } from '../../domain/session';
import { sectorLabel } from '../../domain/vocabulary';
import { useDb } from '../db-context';
import type { PartnersApi } from './partners-api';
import { PartnerNote } from './PartnerNote';
import { RemoteNotice } from './RemoteNotice';
import { usePartnerChange } from './use-partner-change';
import { useRemote } from './use-remote';

type Plan = { drop: PartnerRecord; keep: PartnerRecord };

export function PartnerDuplicates({ api, session, regional, onMerged }: { api: PartnersApi; session: Session; regional?: string; onMerged(): void }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `partner-duplicates:${regional ?? 'MG'}`), () => api.duplicates(regional));
  const { busy, note, run } = usePartnerChange();
  const [plan, setPlan] = useState<Plan>();
  const pairs = remote.data ?? [];
  const merge = (p: Plan) => run(p.drop.id, async () => {
    await api.merge(p.drop.id, p.keep.id);
    setPlan(undefined);
    return `“${p.drop.name}” agora faz parte de “${p.keep.name}”. O histórico de ações foi junto.`;
  }, () => { remote.reload(); onMerged(); });
  const option = (keep: PartnerRecord, drop: PartnerRecord) => (
    <button type="button" class="button small" disabled={!!busy || keep.status !== 'active'} onClick={() => setPlan({ keep, drop })}
      title={keep.status !== 'active' ? 'Uma inscrição pendente não pode ser o registro que fica' : undefined}>
      Manter “{keep.name}”
    </button>
  );

  return (
    <section class="section partner-duplicates" aria-labelledby="pd-title">
      <h3 id="pd-title">Possíveis duplicados ({pairs.length})</h3>
      <p class="hint">Nomes parecidos no mesmo município. Junte só quando for a mesma organização: o nome que fica recebe o histórico do outro.</p>
      <RemoteNotice remote={remote} />
      <PartnerNote note={note} />
      {remote.data && pairs.length === 0 && <p class="empty">Nenhum possível duplicado encontrado.</p>}
      <ul class="cards">
        {pairs.map((pair) => (
          <li class="card" key={`${pair.a.id}-${pair.b.id}`} data-testid="duplicate-pair">
            <span class="card-title review-title">“{pair.a.name}” e “{pair.b.name}”</span>
            <span class="card-counts">
              {findMunicipality(pair.a.municipalityCode ?? '')?.name ?? pair.a.municipalityCode} · {sectorLabel(pair.a.sector)} / {sectorLabel(pair.b.sector)}
            </span>
            {plan && [pair.a.id, pair.b.id].includes(plan.keep.id) && [pair.a.id, pair.b.id].includes(plan.drop.id) ? (
              <span class="row confirm-merge" role="group" aria-label="Confirmar junção">
                <span>Juntar “{plan.drop.name}” em “{plan.keep.name}”? A junção fica registrada.</span>
                <button type="button" class="button small primary" disabled={!!busy} onClick={() => void merge(plan)}>{busy ? 'Juntando…' : 'Confirmar junção'}</button>
                <button type="button" class="button small" onClick={() => setPlan(undefined)}>Cancelar</button>
              </span>
            ) : (
              <span class="row">{option(pair.a, pair.b)}{option(pair.b, pair.a)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
