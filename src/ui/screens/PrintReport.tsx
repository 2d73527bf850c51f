// The printable monthly report ("Imprimir ou salvar PDF"), laid out like the official form:
// header, numbered actions with every field, numbered photos ("Foto 1.1"). Agents print from the
// phone's own data (works offline); reviewers from the endpoint.
import { useMemo } from 'preact/hooks';
import { actionsOfReport } from '../../db/actions';
import { photosOfReport } from '../../db/photos';
import { getReport } from '../../db/reports';
import { getProfile } from '../../db/settings';
import { formatPeriod } from '../../domain/period';
import type { Session } from '../../domain/session';
import type { Fetch } from '../../sync/http';
import { ActionFacts } from '../components/ActionFacts';
import { RemoteNotice } from '../components/RemoteNotice';
import { ReportPhoto } from '../components/ReportPhoto';
import { useDb } from '../db-context';
import type { LoadPhoto } from '../hooks/use-photo-url';
import { useLiveQuery } from '../hooks/use-live-query';
import { useRemote } from '../hooks/use-remote';
import { useReviewApi } from '../hooks/use-review-api';
import { href } from '../hooks/use-route';
import { STATUS_LABEL } from '../messages';
import { cacheKey } from '../review-api';
import { formatWhen, fromDetail, fromDrafts, type ReportView } from '../report-view';
import './review.css';

export default function PrintReport({ reportId, session, fetch }: { reportId: string; session: Session | null; fetch?: Fetch }) {
  return session && session.user.role !== 'agent'
    ? <RemotePrint reportId={reportId} session={session} fetch={fetch} />
    : <LocalPrint reportId={reportId} />;
}

function LocalPrint({ reportId }: { reportId: string }) {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const [report, profile] = await Promise.all([getReport(db, reportId), getProfile(db)]);
    if (!report || !profile) return null;
    const [actions, photos] = await Promise.all([actionsOfReport(db, reportId), photosOfReport(db, reportId)]);
    return fromDrafts(report, actions, photos, profile);
  }, [db, reportId]);
  if (view === undefined) return <p class="loading" aria-busy="true">Carregando…</p>;
  if (view === null) return <p class="error" role="alert">Relatório não encontrado neste aparelho. <a href={href.list()}>Voltar</a></p>;
  return <PrintLayout view={view} back={href.report(reportId)} />;
}

function RemotePrint({ reportId, session, fetch }: { reportId: string; session: Session; fetch?: Fetch }) {
  const db = useDb();
  const api = useReviewApi(db, session, fetch);
  const remote = useRemote(db, cacheKey(session.user.id, `report:${reportId}`), () => api.report(reportId));
  const view = useMemo(() => remote.data && fromDetail(remote.data), [remote.data]);
  return (
    <>
      <div class="no-print"><RemoteNotice remote={remote} /></div>
      {view && <PrintLayout view={view} back={href.reviewReport(reportId)} load={(sha, signal) => api.photo(sha, signal)} />}
    </>
  );
}

function PrintLayout({ view, back, load }: { view: ReportView; back: string; load?: LoadPhoto }) {
  const r = view.responsible;
  const photoCount = view.actions.reduce((n, a) => n + a.photos.length, 0);
  return (
    <article class="print-report">
      <div class="print-tools no-print">
        <a class="back" href={back}>‹ Voltar</a>
        <button type="button" class="button primary" onClick={() => window.print()}>Imprimir ou salvar PDF</button>
        <p class="hint">Na janela de impressão, escolha "Salvar como PDF" para guardar um arquivo.</p>
      </div>
      <header class="print-header">
        <p class="print-org">Governo do Estado de Minas Gerais · Secretaria de Estado de Saúde (SES-MG)</p>
        <h1>Relatório mensal de ações de mobilização social</h1>
        <dl class="print-meta">
          <div><dt>Município</dt><dd>{view.municipalityName} (IBGE {view.municipalityCode})</dd></div>
          <div><dt>Unidade regional</dt><dd>{view.regional}</dd></div>
          <div><dt>Mês de referência</dt><dd>{formatPeriod(view.period)}</dd></div>
          <div><dt>Responsável</dt><dd>{[r.name, r.role].filter(Boolean).join(' — ')}</dd></div>
          {(r.phone || r.email) && <div><dt>Contato</dt><dd>{[r.phone, r.email].filter(Boolean).join(' · ')}</dd></div>}
          {view.protocol && <div><dt>Protocolo</dt><dd>{view.protocol}</dd></div>}
          <div>
            <dt>Situação</dt>
            <dd>{STATUS_LABEL[view.status]}{view.receivedAt ? ` (revisão ${view.revision}, recebida em ${formatWhen(view.receivedAt)})` : ''}</dd>
          </div>
          <div><dt>Totais</dt><dd>{view.actions.length} {view.actions.length === 1 ? 'ação' : 'ações'} · {photoCount} {photoCount === 1 ? 'foto' : 'fotos'}</dd></div>
        </dl>
      </header>
      {view.noActionsJustification && (
        <section class="print-block"><h2>Justificativa (mês sem ações)</h2><p class="pre">{view.noActionsJustification}</p></section>
      )}
      {view.actions.map((a) => (
        <section key={a.id} class="print-action">
          <h2>Ação {a.number} — {a.title || 'sem título'}</h2>
          <ActionFacts action={a} />
          {a.photos.length > 0 && (
            <div class="print-photos">
              {a.photos.map((p) => <ReportPhoto key={p.key} photo={p} actionNumber={a.number} load={load} map={false} />)}
            </div>
          )}
        </section>
      ))}
      {view.notes && <section class="print-block"><h2>Observações</h2><p class="pre">{view.notes}</p></section>}
      <footer class="print-footer">Gerado pelo Mobiliza em {new Date().toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' })}.</footer>
    </article>
  );
}
