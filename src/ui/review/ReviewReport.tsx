// One received report for the regional unit / central: every action with its numbered photos,
// the review history, and the decision (approve and forward, return with a comment, consolidate).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReportDetail, ReviewDecision, ReviewRequest } from '../../domain/api';
import { LIMITS } from '../../domain/limits';
import { formatPeriod } from '../../domain/period';
import { canDecide } from '../../domain/review';
import type { Session } from '../../domain/session';
import { ActionFacts } from '../report/ActionFacts';
import { HighlightForm } from './HighlightForm';
import { RemoteNotice } from './RemoteNotice';
import { useHighlights } from './use-highlights';
import { ReportPhoto } from '../report/ReportPhoto';
import { useDb } from '../db-context';
import { useOnline } from '../hooks/use-online';
import { useRemote } from './use-remote';
import { href } from '../hooks/use-route';
import { cacheKey } from '../../db/remote-cache';
import { RemoteError, type ReviewApi } from './review-api';
import { formatDateTime as formatWhen } from '../format';
import { fromDetail } from '../report/report-view';
import { DECISION_LABEL, REVIEW_STATUS_LABEL } from './labels';
import { REVIEW_REFRESH_MS } from './refresh';

export default function ReviewReport({ reportId, session, api }: { reportId: string; session: Session; api: ReviewApi }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, `report:${reportId}`), () => api.report(reportId), { refreshMs: REVIEW_REFRESH_MS });
  const detail = remote.data;
  const view = detail && fromDetail(detail);
  const load = (sha: string, signal: AbortSignal) => api.photo(sha, signal);
  const highlights = useHighlights(api, reportId);
  // The revision first shown: a newer one arriving while the screen is open is announced.
  const [seen, setSeen] = useState<number>();
  const fresh = detail && !remote.fromCache ? detail.revision : undefined;
  useEffect(() => {
    if (fresh !== undefined) setSeen((s) => s ?? fresh);
  }, [fresh]);
  const decision = useRef<HTMLElement>(null);
  const toDecision = () => {
    decision.current?.scrollIntoView({ block: 'start' });
    decision.current?.querySelector<HTMLElement>('h2')?.focus();
  };

  return (
    <article class="review-report">
      <a class="back" href={href.review({ period: view?.period })}>‹ Relatórios recebidos</a>
      <RemoteNotice remote={remote} updated />
      {detail && view && (
        <>
          <header>
            <h2 class="report-heading">{view.municipalityName} — {formatPeriod(view.period)}</h2>
            <span class={`badge status-${view.status}`}>{REVIEW_STATUS_LABEL[view.status]}</span>
            <dl class="facts report-meta">
              <div><dt>Unidade regional</dt><dd>{view.regional}</dd></div>
              <div><dt>Protocolo</dt><dd>{view.protocol}</dd></div>
              <div><dt>Revisão</dt><dd>{view.revision}, recebida em {formatWhen(detail.receivedAt)}</dd></div>
              <div>
                <dt>Responsável</dt>
                <dd>{[view.responsible.name, view.responsible.role, view.responsible.phone, view.responsible.email].filter(Boolean).join(' · ')}</dd>
              </div>
              {view.notes && <div><dt>Observações</dt><dd class="pre">{view.notes}</dd></div>}
              {view.noActionsJustification && <div><dt>Justificativa (mês sem ações)</dt><dd class="pre">{view.noActionsJustification}</dd></div>}
            </dl>
          </header>
          <div aria-live="polite">
            {seen !== undefined && detail.revision > seen && (
              <p class="notice" data-testid="new-revision">
                Chegou a revisão {detail.revision} enquanto você olhava o relatório: confira as ações antes de decidir.
              </p>
            )}
          </div>

          <div class="review-columns">
            <div class="review-main">
              <h2>Ações ({view.actions.length})</h2>
              {view.actions.map((a) => (
                <section key={a.id} class="section action-review" aria-labelledby={`a-${a.number}`}>
                  <h3 id={`a-${a.number}`}>Ação {a.number} — {a.title}</h3>
                  <ActionFacts action={a} />
                  <div class="photo-grid">
                    {a.photos.map((p) => <ReportPhoto key={p.key} photo={p} actionNumber={a.number} load={load} />)}
                  </div>
                  {view.status !== 'returned' && (
                    <HighlightForm api={api} reportId={reportId} action={a} role={session.user.role} existing={highlights.byAction(a.id)} onSaved={highlights.replace} />
                  )}
                </section>
              ))}
              <a class="button block" href={href.print(view.id)}>Imprimir ou salvar PDF</a>
            </div>
            {/* Narrow screens: the decision comes after the evidence; this bar keeps it one tap away. */}
            <div class="decision-bar" data-testid="decision-bar">
              <span class={`badge status-${view.status}`}>{REVIEW_STATUS_LABEL[view.status]}</span>
              <button type="button" class="button small" onClick={toDecision}>Ir para a decisão</button>
            </div>
            <aside class="review-side decision-side" ref={decision} aria-label="Decisão e histórico">
              <Decision detail={detail} session={session} api={api} fresh={!remote.fromCache && !remote.error} onDone={remote.reload} />
              <History detail={detail} />
            </aside>
          </div>
        </>
      )}
    </article>
  );
}

function History({ detail }: { detail: ReportDetail }) {
  if (detail.reviews.length === 0) return null;
  return (
    <section class="section" aria-labelledby="history-title">
      <h2 id="history-title">Histórico de revisão</h2>
      <ol class="history">
        {detail.reviews.map((r, i) => (
          <li key={i}>
            <strong>{DECISION_LABEL[r.decision]}</strong> por {r.by.name} em {formatWhen(r.at)} (revisão {r.revision})
            {r.actionNumbers?.length ? <span> · {r.actionNumbers.length === 1 ? 'ação' : 'ações'} {r.actionNumbers.join(', ')}</span> : null}
            {r.comment && <p class="pre comment">{r.comment}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Decision({ detail, session, api, fresh, onDone }: { detail: ReportDetail; session: Session; api: ReviewApi; fresh: boolean; onDone(): void }) {
  const online = useOnline();
  const [comment, setComment] = useState('');
  const [actions, setActions] = useState<number[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const { role } = session.user;
  const { status } = detail;
  const canApprove = canDecide(status, 'approve', role);
  const canReturn = canDecide(status, 'return', role);
  const canConsolidate = canDecide(status, 'consolidate', role);
  const numbers = ((detail.report.actions as { number: number }[] | undefined) ?? []).map((a) => a.number);

  const decide = async (decision: ReviewDecision) => {
    setError('');
    setDone('');
    if (decision === 'return' && !comment.trim()) {
      setError('Escreva no comentário o que o município precisa corrigir.');
      return;
    }
    const body: ReviewRequest = { decision, revision: detail.revision };
    if (decision === 'return') {
      body.comment = comment.trim();
      if (actions.length) body.actionNumbers = [...actions].sort((a, b) => a - b);
    }
    setBusy(true);
    try {
      const res = await api.review(detail.report.id as string, body);
      setDone(`${DECISION_LABEL[res.review.decision]}. O município verá a decisão na próxima sincronização.`);
      setComment('');
      setActions([]);
      onDone();
    } catch (e) {
      setError(e instanceof RemoteError ? e.message : 'Não foi possível registrar a decisão. Tente de novo.');
    } finally {
      setBusy(false);
    }
  };

  if (!canApprove && !canReturn && !canConsolidate) {
    return (
      <section class="section decision" aria-labelledby="decision-title">
        <h2 id="decision-title" tabIndex={-1}>Decisão</h2>
        {done && <p class="ok" role="status">{done}</p>}
        <p>
          {status === 'returned' && 'Devolvido ao município: aguardando uma nova revisão.'}
          {status === 'approved' && 'Aprovado e encaminhado ao nível central. Somente o nível central pode devolvê-lo.'}
          {status === 'consolidated' && 'Relatório consolidado pelo nível central.'}
        </p>
      </section>
    );
  }
  const blocked = busy || !online || !fresh;
  return (
    <section class="section decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decisão</h2>
      {done && <p class="ok" role="status">{done}</p>}
      {(!online || !fresh) && <p class="notice">Decidir precisa de conexão e dos dados atualizados do servidor.</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {canApprove && (
        <button type="button" class="button primary block" disabled={blocked} onClick={() => decide('approve')}>
          Aprovar e encaminhar ao nível central
        </button>
      )}
      {canConsolidate && (
        <button type="button" class="button primary block" disabled={blocked} onClick={() => decide('consolidate')}>
          Marcar como consolidado
        </button>
      )}
      {canReturn && (
        <fieldset class="return-form">
          <legend>Devolver para correção</legend>
          <div class="field">
            <label for="d-comment">Comentário para o município (obrigatório)</label>
            <textarea id="d-comment" rows={3} maxLength={LIMITS.notesChars} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </div>
          {numbers.length > 0 && (
            <fieldset class="field choices inline">
              <legend>Ações a corrigir (opcional)</legend>
              {numbers.map((n) => (
                <label key={n} class="choice">
                  <input type="checkbox" checked={actions.includes(n)}
                    onChange={(e) => setActions((list) => (e.currentTarget.checked ? [...list, n] : list.filter((x) => x !== n)))} />
                  Ação {n}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" class="button danger block" disabled={blocked} onClick={() => decide('return')}>
            Devolver para correção
          </button>
        </fieldset>
      )}
    </section>
  );
}
