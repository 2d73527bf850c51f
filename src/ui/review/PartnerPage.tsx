// One partner for regional units and central (#16): the record (contact data when the endpoint
// sends it), Confirmar / Recusar while it is a pending sign-up, and its history of actions.
import { cacheKey } from '../../db/remote-cache';
import { findMunicipality } from '../../domain/municipality';
import { formatDate, formatPeriod } from '../../domain/period';
import { kindLabel } from '../../domain/partner-registry';
import type { Session } from '../../domain/session';
import { sectorLabel, typeLabel } from '../../domain/vocabulary';
import { useDb } from '../db-context';
import { formatDateTime } from '../format';
import { href } from '../hooks/use-route';
import { REVIEW_STATUS_LABEL } from './labels';
import type { PartnersApi } from './partners-api';
import { PartnerSignups } from './PartnerSignups';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';

const STATUS_TEXT: Record<string, string> = { active: 'Ativo', pending: 'Inscrição pendente', merged: 'Juntado a outro parceiro', rejected: 'Inscrição recusada' };
const SOURCE_TEXT: Record<string, string> = { signup: 'inscrição pelo site', agent: 'cadastrado por agente' };

export function PartnerPage({ api, session, partnerId }: { api: PartnersApi; session: Session; partnerId: string }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `partner:${partnerId}`), () => api.detail(partnerId));
  const d = remote.data;
  const p = d?.partner;
  return (
    <section aria-labelledby="partner-title">
      <a class="back" href={href.partners()}>‹ Parceiros</a>
      <h2 id="partner-title">{p?.name ?? 'Parceiro'}</h2>
      {remote.error?.kind === 'not_found' ? <p class="error" role="alert">Parceiro não encontrado. Ele pode ter sido juntado a outro.</p> : <RemoteNotice remote={remote} />}
      {p && d && (
        <>
          <dl class="facts">
            <div><dt>Município</dt><dd>{p.municipalityCode ? findMunicipality(p.municipalityCode)?.name ?? p.municipalityCode : 'Estadual (todo o estado)'}</dd></div>
            <div><dt>Tipo</dt><dd>{kindLabel(p.kind)}{p.governmental ? ', governamental' : ', não governamental'}</dd></div>
            <div><dt>Setor</dt><dd>{sectorLabel(p.sector)}</dd></div>
            <div><dt>Situação</dt><dd>{STATUS_TEXT[p.status] ?? p.status} ({SOURCE_TEXT[p.source] ?? p.source}, atualizado em {formatDateTime(p.updatedAt)})</dd></div>
            <div><dt>Campanhas da SES</dt><dd>{p.campaigns ? 'Aceita receber' : 'Não pediu'}</dd></div>
            {p.phone && <div><dt>Telefone</dt><dd>{p.phone}</dd></div>}
            {p.email && <div><dt>E-mail</dt><dd>{p.email}</dd></div>}
            {p.social && <div><dt>Rede social</dt><dd>{p.social}</dd></div>}
          </dl>
          {p.status === 'pending' && <PartnerSignups api={api} pending={[p]} onChanged={remote.reload} />}
          <h3>Ações com este parceiro ({d.history.length})</h3>
          {d.history.length === 0 ? <p class="empty">Nenhuma ação registrada com este parceiro nos relatórios enviados.</p> : (
            <ul class="cards" data-testid="partner-history">
              {d.history.map((h) => (
                <li class="card" key={`${h.reportId}-${h.actionNumber}`}>
                  <a class="card-link" href={href.reviewReport(h.reportId)}>
                    <span class="card-title review-title">{formatDate(h.date)} — {h.title || `Ação ${h.actionNumber}`}</span>
                    <span class="card-counts">{typeLabel(h.type)} · relatório de {formatPeriod(h.period)} · {REVIEW_STATUS_LABEL[h.status] ?? h.status}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
