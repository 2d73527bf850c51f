// Central only: second reports of a month found in existing data (migration 020). Merge appends
// the duplicate's actions to the month's report as a new revision; discard only marks it. Both
// are audited at the endpoint; nothing is deleted.
import { useState } from 'preact/hooks';
import type { Duplicate } from '../../domain/api';
import { findMunicipality } from '../../domain/municipality';
import { formatPeriod } from '../../domain/period';
import { cacheKey } from '../../db/remote-cache';
import type { Session } from '../../domain/session';
import { useDb } from '../db-context';
import { formatDateTime, plural } from '../format';
import { href } from '../hooks/use-route';
import type { ReviewApi } from './review-api';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';

export function Duplicates({ session, api }: { session: Session; api: ReviewApi }) {
  const db = useDb();
  const remote = useRemote(db, cacheKey(session.user.id, 'duplicates'), () => api.duplicates());
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState('');
  const list = remote.data ?? [];
  if (!remote.error && list.length === 0) return null;

  const resolve = async (d: Duplicate, resolution: 'merge' | 'discard') => {
    setBusy(d.reportId);
    setMessage('');
    try {
      const done = await api.resolveDuplicate(d.reportId, resolution);
      setMessage(done.resolution === 'merged'
        ? `Ações do protocolo ${d.duplicate.protocol} juntadas ao ${d.kept.protocol} (revisão ${done.mergedRevision}).`
        : `Protocolo ${d.duplicate.protocol} descartado; ele continua guardado para consulta.`);
      remote.reload();
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy('');
    }
  };

  return (
    <section class="section duplicates" aria-labelledby="dup-title">
      <h2 id="dup-title">Relatórios em duplicidade ({list.length})</h2>
      <p class="hint">
        Cada município tem um relatório por mês. Estes chegaram antes dessa regra e não entram no Painel: junte as ações ao relatório
        do mês (nova revisão, a regional revisa de novo) ou descarte.
      </p>
      <RemoteNotice remote={remote} />
      {message && <p role="status">{message}</p>}
      <ul class="cards">
        {list.map((d) => (
          <li class="card" key={d.reportId} data-testid="duplicate">
            <span class="card-title">{findMunicipality(d.municipalityCode)?.name ?? d.municipalityCode} — {formatPeriod(d.period)}</span>
            <span class="card-counts">
              Duplicado: <a href={href.reviewReport(d.reportId)}>{d.duplicate.protocol}</a> ({plural(d.duplicate.actionCount, 'ação', 'ações')},
              recebido em {formatDateTime(d.duplicate.receivedAt)}) · Mantido: <a href={href.reviewReport(d.kept.id)}>{d.kept.protocol}</a>{' '}
              ({plural(d.kept.actionCount, 'ação', 'ações')}, revisão {d.kept.revision})
            </span>
            <span class="row">
              <button type="button" class="button small" disabled={!!busy} onClick={() => void resolve(d, 'merge')}>Juntar ações</button>
              <button type="button" class="button small danger" disabled={!!busy} onClick={() => void resolve(d, 'discard')}>Descartar</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
