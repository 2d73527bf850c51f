// The agent's printable report, from the phone's own rows (works offline). Reviewers print from the
// endpoint (review/RemotePrint.tsx); App.tsx picks by role.
import { actionsOfReport } from '../../db/actions';
import { photosOfReport } from '../../db/photos';
import { getReport } from '../../db/reports';
import { getProfile } from '../../db/settings';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { href } from '../hooks/use-route';
import { PrintLayout } from '../report/PrintLayout';
import { fromDrafts } from '../report/report-view';

export default function PrintReport({ reportId }: { reportId: string }) {
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
