// The printable monthly report ("Imprimir ou salvar PDF"), laid out like the official form:
// header, numbered actions with every field, numbered photos ("Foto 1.1"). Agents print from the
// phone's own data (screens/PrintReport.tsx, offline); reviewers from the endpoint (review/RemotePrint.tsx).
import { formatPeriod } from '../../domain/period';
import { formatDateTime, plural } from '../format';
import { STATUS_LABEL } from '../messages';
import { ActionFacts } from './ActionFacts';
import { ReportPhoto } from './ReportPhoto';
import type { ReportView } from './report-view';
import type { LoadPhoto } from './use-photo-url';
import './report.css';

export function PrintLayout({ view, back, load }: { view: ReportView; back: string; load?: LoadPhoto }) {
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
            <dd>{STATUS_LABEL[view.status]}{view.receivedAt ? ` (revisão ${view.revision}, recebida em ${formatDateTime(view.receivedAt)})` : ''}</dd>
          </div>
          <div><dt>Totais</dt><dd>{plural(view.actions.length, 'ação', 'ações')} · {plural(photoCount, 'foto')}</dd></div>
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
      <footer class="print-footer">Gerado pelo Mobiliza em {formatDateTime(new Date().toISOString())}.</footer>
    </article>
  );
}
