// A reviewer's printable report, from the endpoint (the last answer stays readable offline).
import { useMemo } from 'preact/hooks';
import { cacheKey } from '../../db/remote-cache';
import type { Session } from '../../domain/session';
import type { Fetch } from '../../sync/http';
import { useDb } from '../db-context';
import { href } from '../hooks/use-route';
import { PrintLayout } from '../report/PrintLayout';
import { fromDetail } from '../report/report-view';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';
import { useReviewApi } from './use-review-api';
import './review.css';

export default function RemotePrint({ reportId, session, fetch }: { reportId: string; session: Session; fetch?: Fetch }) {
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
