import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  actionsOfReport, addAction, deleteAction, duplicateAction, moveAction, restoreAction, type DeletedAction,
} from '../../db/actions';
import { photosWithoutBlob } from '../../db/history';
import { putNow } from '../../db/put-now';
import { fetchPhotosHere } from '../../sync/history-here';
import { ConflictNotice, MergedNotice } from '../components/ConflictNotice';
import { reviseReport } from '../../db/queue-report';
import { outboxItem } from '../../db/outbox';
import { photoCountsOfReport } from '../../db/photos';
import { EDITABLE_STATUSES, getReport, updateReportHeader } from '../../db/reports';
import { planBDue, type OutboxItem } from '../../domain/outbox';
import type { ActionDraft } from '../../domain/action';
import { LIMITS } from '../../domain/limits';
import { formatDate, formatPeriod, periodOfDate, toIsoDate } from '../../domain/period';
import type { ReportDraft, ReportHeaderFields } from '../../domain/report';
import { isSettled } from '../../domain/status';
import { typeLabel } from '../../domain/vocabulary';
import { plural } from '../format';
import { SaveIndicator } from '../components/SaveIndicator';
import { Snackbar } from '../components/Snackbar';
import { TextArea, TextInput } from '../components/Fields';
import { useDb } from '../db-context';
import { useAutosave } from '../hooks/use-autosave';
import { useFocusField } from '../hooks/use-focus-field';
import { useLiveQuery } from '../hooks/use-live-query';
import { href, navigate } from '../hooks/use-route';
import { copyTitle, HISTORY_TEXT, saveErrorMessage } from '../messages';
import { statusLine } from '../report-status';
import { PlanB } from '../plan-b/PlanB';

export default function ReportEditor({ reportId, field }: { reportId: string; field?: string }) {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const report = await getReport(db, reportId);
    if (!report) return null;
    const actions = await actionsOfReport(db, reportId);
    const photoCount = await photoCountsOfReport(db, reportId);
    const remotePhotos = (await photosWithoutBlob(db, reportId)).length;
    return { report, actions, photoCount, remotePhotos, item: await outboxItem(db, reportId) };
  }, [db, reportId]);
  const remotePhotos = data?.remotePhotos ?? 0;
  const [photoState, setPhotoState] = useState<'idle' | 'loading' | 'failed'>('idle');
  // Photos of a report downloaded from the endpoint: fetched at their stored size when opened.
  useEffect(() => {
    if (!remotePhotos || photoState !== 'idle') return;
    setPhotoState('loading');
    fetchPhotosHere(db, reportId).then(() => setPhotoState('idle'), () => setPhotoState('failed'));
  }, [db, reportId, remotePhotos, photoState]);

  if (data === undefined) return <p class="loading">Carregando…</p>;
  if (data === null) {
    return (
      <div>
        <p class="error" role="alert">Relatório não encontrado neste aparelho.</p>
        <a class="button" href={href.list()}>Voltar aos relatórios</a>
      </div>
    );
  }
  return (
    <>
      {remotePhotos > 0 && (
        <p class="notice" role="status" data-testid="remote-photos">
          {photoState === 'failed' ? HISTORY_TEXT.photosOffline : HISTORY_TEXT.photosLoading}
        </p>
      )}
      <Editor key={`${reportId}@${data.report.revision}`} report={data.report} actions={data.actions} photoCount={data.photoCount} item={data.item} field={field} />
    </>
  );
}

function Editor(props: { report: ReportDraft; actions: ActionDraft[]; photoCount: Map<string, number>; item?: OutboxItem; field?: string }) {
  const { report, actions, photoCount, item, field } = props;
  const status = statusLine(report, item);
  const db = useDb();
  const editable = EDITABLE_STATUSES.includes(report.status);
  const marked = report.marks?.actions ?? {};
  const markedNumbers = actions.filter((a) => a.id in marked).map((a) => a.number);
  // Only unsaved input lives in component state; it starts from the stored report once.
  const [header, setHeader] = useState<ReportHeaderFields>(() => ({
    responsible: report.responsible,
    notes: report.notes,
    noActionsJustification: report.noActionsJustification,
  }));
  const save = useAutosave<ReportHeaderFields>(
    (value) => updateReportHeader(db, report.id, value),
    (value) => editable && putNow(db, 'reports', { ...report, ...value, updatedAt: new Date().toISOString() }),
  );
  const [undo, setUndo] = useState<DeletedAction | null>(null);
  const [error, setError] = useState('');
  useFocusField(field, true);

  const change = (patch: Partial<ReportHeaderFields>) => {
    const next = { ...header, ...patch, responsible: { ...header.responsible, ...patch.responsible } };
    setHeader(next);
    save.schedule(next);
  };
  const responsible = (key: keyof ReportDraft['responsible']) => (value: string) => change({ responsible: { ...header.responsible, [key]: value } });

  const run = async (fn: () => Promise<unknown>) => {
    setError('');
    try {
      await save.flush();
      await fn();
    } catch (e) {
      console.error(e);
      setError(saveErrorMessage(e));
    }
  };

  const newAction = () =>
    run(async () => {
      const today = toIsoDate(new Date());
      const date = periodOfDate(new Date()) === report.period ? today : '';
      const action = await addAction(db, report.id, { date });
      navigate(href.action(report.id, action.id));
    });

  const closeUndo = useCallback(() => setUndo(null), []);

  return (
    <div class="editor" onFocusOut={() => void save.flush()}>
      <header class="top">
        <a class="back" href={href.list()} onClick={() => void save.flush()}>
          ‹ Relatórios
        </a>
        <h1>Relatório de {formatPeriod(report.period)}</h1>
        <span class={`badge status-${report.status}`} data-testid="report-status">{status.label}</span>
      </header>
      {/* A 409 period_taken's note is the conflict notice's first sentence: the notice says it, once. */}
      {status.detail && !report.conflict && <p class={isSettled(report.status) ? 'notice ok' : 'notice'} data-testid="status-detail">{status.detail}</p>}
      {report.status === 'queued' && item && planBDue(item, Date.now()) && <PlanB item={item} />}
      {report.status === 'returned' && markedNumbers.length > 0 && (
        <p class="notice marked" data-testid="returned-marks">{HISTORY_TEXT.returnedMarks(markedNumbers)}</p>
      )}
      <ConflictNotice report={report} />
      <MergedNotice reportId={report.id} />
      {!editable && (
        <div class={isSettled(report.status) ? 'notice ok' : 'notice'} role="status" data-testid="read-only-notice">
          <span>
            {isSettled(report.status)
              ? 'Relatório aprovado: não pode mais ser alterado.'
              : 'Relatório enviado: somente para leitura. Para corrigir, crie uma nova revisão — ela substitui a que está na fila.'}
          </span>
          {(report.status === 'queued' || report.status === 'received') && (
            <button type="button" class="button small" onClick={() => run(() => reviseReport(db, report.id))}>
              Editar (revisão {report.revision + 1})
            </button>
          )}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Ações realizadas ({actions.length})</h2>
        {actions.length === 0 && (
          <p class="empty">Nenhuma ação registrada neste mês. Adicione cada ação realizada, com pelo menos uma foto.</p>
        )}
        <ol class="action-list">
          {actions.map((a, i) => (
            <li key={a.id} class="action-item" data-testid="action-item">
              <a class="action-link" href={href.action(report.id, a.id)}>
                <span class="action-number">Ação {a.number}</span>
                <span class="action-title">{a.title || 'Sem título'}</span>
                {a.id in marked && <span class="badge marked" data-testid="action-marked">{HISTORY_TEXT.markedShort}</span>}
                <span class="action-meta">
                  {[a.date && formatDate(a.date), a.type && typeLabel(a.type), plural(photoCount.get(a.id) ?? 0, 'foto')]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </a>
              {editable && (
                <div class="action-tools">
                  <button type="button" class="icon-button" aria-label={`Mover ação ${a.number} para cima`} disabled={i === 0}
                    onClick={() => run(() => moveAction(db, a.id, -1))}>↑</button>
                  <button type="button" class="icon-button" aria-label={`Mover ação ${a.number} para baixo`} disabled={i === actions.length - 1}
                    onClick={() => run(() => moveAction(db, a.id, 1))}>↓</button>
                  <button type="button" class="button small" aria-label={`Duplicar ação ${a.number}`}
                    onClick={() => run(() => duplicateAction(db, a.id, copyTitle))}>Duplicar</button>
                  <button type="button" class="button small danger" aria-label={`Excluir ação ${a.number}`}
                    onClick={() => run(async () => setUndo(await deleteAction(db, a.id)))}>Excluir</button>
                </div>
              )}
            </li>
          ))}
        </ol>
        {editable && actions.length < LIMITS.actionsPerReport && (
          <button type="button" class="button primary block" onClick={newAction}>
            + Adicionar ação
          </button>
        )}
      </section>

      <fieldset class="section" disabled={!editable}>
        <legend>Responsável pelo relatório</legend>
        <TextInput id="f-responsible.name" label="Nome" value={header.responsible.name} onChange={responsible('name')} maxLength={LIMITS.shortTextChars} autocomplete="name" />
        <TextInput id="f-responsible.role" label="Cargo ou função" value={header.responsible.role} onChange={responsible('role')} maxLength={LIMITS.shortTextChars} />
        <TextInput id="f-responsible.phone" label="Telefone com DDD" type="tel" inputMode="tel" value={header.responsible.phone} onChange={responsible('phone')} maxLength={20} autocomplete="tel" />
        <TextInput id="f-responsible.email" label="E-mail" type="email" value={header.responsible.email} onChange={responsible('email')} maxLength={LIMITS.shortTextChars} autocomplete="email" />
      </fieldset>

      <fieldset class="section" disabled={!editable}>
        <legend>Observações</legend>
        <TextArea id="f-notes" label="Observações gerais (opcional)" value={header.notes} onChange={(notes) => change({ notes })} maxLength={LIMITS.notesChars} rows={3} />
        {actions.length === 0 && (
          <TextArea
            id="f-noActionsJustification"
            label="Justificativa para o mês sem ações"
            hint="Obrigatória quando não houve nenhuma ação no mês."
            value={header.noActionsJustification}
            onChange={(noActionsJustification) => change({ noActionsJustification })}
            maxLength={LIMITS.justificationChars}
            rows={3}
          />
        )}
      </fieldset>
      <SaveIndicator status={save.status} error={save.error} />

      {editable && !report.conflict && (
        <a class="button primary block" href={href.check(report.id)} onClick={() => void save.flush()}>
          Verificar e enviar
        </a>
      )}

      {report.status === 'queued' && item && !planBDue(item, Date.now()) && <PlanB item={item} />}
      <a class="button block" href={href.print(report.id)}>Imprimir ou salvar PDF</a>

      {undo && (
        <Snackbar
          message={`Ação ${undo.action.number} excluída`}
          actionLabel="Desfazer"
          onAction={() => {
            const snapshot = undo;
            setUndo(null);
            void run(() => restoreAction(db, snapshot));
          }}
          onClose={closeUndo}
        />
      )}
    </div>
  );
}

