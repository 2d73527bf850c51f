// Public sign-ups ("Seja um Parceiro da Saúde") waiting for the regional unit or central:
// Confirmar makes them partners (merged into a same-named one, server-side), Recusar erases the
// contact data after a confirm step.
import { useState } from 'preact/hooks';
import { findMunicipality } from '../../domain/municipality';
import { kindLabel, type PartnerRecord } from '../../domain/partner-registry';
import { sectorLabel } from '../../domain/vocabulary';
import type { PartnersApi } from './partners-api';
import { PartnerNote } from './PartnerNote';
import { usePartnerChange } from './use-partner-change';

export function PartnerSignups({ api, pending, onChanged }: { api: PartnersApi; pending: PartnerRecord[]; onChanged(): void }) {
  const { busy, note, run } = usePartnerChange();
  const [asking, setAsking] = useState('');
  const confirm = (p: PartnerRecord) => run(p.id, async () => {
    const r = await api.confirm(p.id);
    return r.mergedInto ? `Inscrição de “${p.name}” confirmada e juntada a “${r.partner.name}”, que já estava cadastrado.` : `Inscrição de “${p.name}” confirmada.`;
  }, onChanged);
  const reject = (p: PartnerRecord) => run(p.id, async () => {
    setAsking('');
    await api.reject(p.id);
    return `Inscrição de “${p.name}” recusada; os dados de contato foram apagados.`;
  }, onChanged);

  return (
    <section class="section signups" aria-labelledby="ps-title">
      <h3 id="ps-title">Inscrições pelo site para confirmar ({pending.length})</h3>
      <PartnerNote note={note} />
      {pending.length === 0 ? <p class="empty">Nenhuma inscrição esperando confirmação.</p> : (
        <ul class="cards">
          {pending.map((p) => (
            <li class="card" key={p.id} data-testid="signup-row">
              <span class="card-title review-title">{p.name}</span>
              <span class="card-counts">
                {p.municipalityCode ? findMunicipality(p.municipalityCode)?.name ?? p.municipalityCode : 'Estadual'} · {kindLabel(p.kind)} · {sectorLabel(p.sector)}
                {[p.phone, p.email, p.social].some(Boolean) && ` · ${[p.phone, p.email, p.social].filter(Boolean).join(' · ')}`}
              </span>
              {asking === p.id ? (
                <span class="row">
                  <span>Recusar apaga os dados de contato. Recusar mesmo?</span>
                  <button type="button" class="button small danger" disabled={!!busy} onClick={() => void reject(p)}>Sim, recusar</button>
                  <button type="button" class="button small" onClick={() => setAsking('')}>Cancelar</button>
                </span>
              ) : (
                <span class="row">
                  <button type="button" class="button small primary" disabled={!!busy} onClick={() => void confirm(p)}>{busy === p.id ? 'Enviando…' : 'Confirmar'}</button>
                  <button type="button" class="button small danger" disabled={!!busy} onClick={() => setAsking(p.id)}>Recusar</button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
