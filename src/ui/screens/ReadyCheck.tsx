import { useState } from 'preact/hooks';
import { checkReport, NotReadyError, queueReport } from '../../db/queue-report';
import { getReport } from '../../db/reports';
import { actionsOfReport } from '../../db/actions';
import { unchangedMarked } from '../../domain/remote-report';
import { getSession } from '../../db/session';
import { formatPeriod } from '../../domain/period';
import type { ValidationIssue } from '../../domain/report';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { href, navigate } from '../hooks/use-route';
import { HISTORY_TEXT, NO_ACTIONS_TEXT, saveErrorMessage } from '../messages';
import { requestDelivery } from '../../sync/request-delivery';

/** "Verificar e enviar": every problem of the ready-to-send check, each a link to its field. */
export default function ReadyCheck({ reportId }: { reportId: string }) {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const report = await getReport(db, reportId);
    const check = await checkReport(db, reportId);
    const session = await getSession(db);
    const unchanged = report ? unchangedMarked(report, await actionsOfReport(db, reportId)).map((a) => a.number) : [];
    return report && check ? { report, check, unchanged, signedIn: Boolean(session && !session.expired) } : null;
  }, [db, reportId]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (data === undefined) return <p class="loading">Verificando…</p>;
  if (data === null) return <p class="error" role="alert">Relatório não encontrado neste aparelho.</p>;
  const { report, check, unchanged, signedIn } = data;

  const send = async () => {
    setBusy(true);
    setError('');
    try {
      await queueReport(db, report.id);
      void requestDelivery('enqueue');
      navigate(href.list());
    } catch (e) {
      setError(e instanceof NotReadyError ? 'O relatório mudou e ainda tem pendências. Confira a lista acima.' : saveErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const linkOf = (issue: ValidationIssue) => {
    const m = /^actions\.(\d+)(?:\.(.+))?$/.exec(issue.path);
    if (m && check.actionIds[Number(m[1])]) {
      const field = m[2]?.replace(/\.\d+.*$/, '') ?? 'title';
      return href.action(report.id, check.actionIds[Number(m[1])], field);
    }
    return href.report(report.id, issue.path || undefined);
  };

  return (
    <div class="check">
      <header class="top">
        <a class="back" href={href.report(report.id)}>‹ Relatório de {formatPeriod(report.period)}</a>
        <h1>Verificar e enviar</h1>
      </header>
      {unchanged.length > 0 && (
        <p class="notice marked" role="status" data-testid="unchanged-marked">{HISTORY_TEXT.unchangedMarked(unchanged)}</p>
      )}
      {check.issues.length === 0 ? (
        <div class="ok" role="status" data-testid="check-ok">
          <p>
            <strong>Tudo certo.</strong> O relatório de {formatPeriod(report.period)} está completo e pronto para ser enviado à
            Regional.
          </p>
          <p class="hint">
            Ao enviar, o relatório fica guardado na fila e segue sozinho quando houver internet — mesmo com o app fechado, onde o
            celular permitir. {!signedIn && 'Você precisa entrar com sua conta para que o envio aconteça.'}
          </p>
          {error && <p class="error" role="alert">{error}</p>}
          <button type="button" class="button primary block" disabled={busy} onClick={send}>
            Enviar relatório
          </button>
        </div>
      ) : (
        <>
          <p role="status" data-testid="check-count">
            {check.issues.length === 1 ? 'Falta corrigir 1 item' : `Faltam corrigir ${check.issues.length} itens`} antes do envio.
            Toque em cada um para ir ao campo.
          </p>
          {check.actionIds.length === 0 && (
            <div class="notice no-actions" data-testid="no-actions">
              <span>{NO_ACTIONS_TEXT.check}</span>
              <a class="button small" href={href.report(report.id)}>{NO_ACTIONS_TEXT.addAction}</a>
            </div>
          )}
          {check.actionIds.length === 0 && <p class="hint">{NO_ACTIONS_TEXT.orJustify}</p>}
          <ul class="problems">
            {check.issues.map((issue, i) => (
              <li key={i}>
                <a href={linkOf(issue)}>{issue.message}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <a class="button block" href={href.report(report.id)}>Voltar ao relatório</a>
    </div>
  );
}
