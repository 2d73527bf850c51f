// Regional and central accounts: "Relatórios recebidos" and "Painel" instead of the agent's editor.
// One lazy chunk with ReviewReport and Panel (fewer, better-compressed files).
import { useMemo, useRef, useState } from 'preact/hooks';
import { DeadlineStanding } from './DeadlineStanding';
import { allMunicipalities, municipalitiesOfRegional } from '../../domain/municipality';
import { formatPeriod, recentPeriods } from '../../domain/period';
import type { ReportSummary } from '../../domain/api';
import { SERVER_REPORT_STATUSES, type ServerReportStatus } from '../../domain/status';
import type { Session } from '../../domain/session';
import type { Fetch } from '../../sync/http';
import { RegionalSelect } from './RegionalSelect';
import { Lazy } from '../components/Lazy';
import { RemoteNotice } from './RemoteNotice';
import { useDb } from '../db-context';
import { useRemote } from './use-remote';
import { useReviewApi } from './use-review-api';
import { href, navigate, type Route } from '../hooks/use-route';
import { cacheKey } from '../../db/remote-cache';
import { RemoteError, type ReviewApi } from './review-api';
import { formatDateTime as formatWhen, formatNumber, plural } from '../format';
import { DECISION_LABEL, IMPORT_TEXT, REVIEW_STATUS_LABEL } from './labels';
import { REVIEW_REFRESH_MS } from './refresh';
import Panel from './Panel';
import ReviewReport from './ReviewReport';
import { Duplicates } from './Duplicates';
import { MaterialsAdmin } from './MaterialsAdmin';
import { ImportPackage } from './ImportPackage';
import { PartnersHome } from './PartnersHome';
import { PartnerPage } from './PartnerPage';
import { usePartnersApi } from './use-partners-api';

import './review.css';

const loadAdmin = () => import('../admin/AdminHome');


export default function ReviewHome({ route, session, fetch }: { route: Route; session: Session; fetch?: Fetch }) {
  const db = useDb();
  const api = useReviewApi(db, session, fetch);
  const partners = usePartnersApi(db, session, fetch);
  const user = session.user;
  const tab = route.name === 'panel' ? 'panel' : route.name === 'team' ? 'team' : route.name === 'materials' ? 'materials' : route.name === 'partners' ? 'partners' : 'reports';

  let body;
  if (route.name === 'reviewImport') body = <ImportPackage api={api} />;
  else if (route.name === 'reviewReport') body = <ReviewReport reportId={route.reportId} session={session} api={api} />;
  else if (route.name === 'team') body = <Lazy load={loadAdmin} props={{ parts: route.parts, query: route.query, session, fetch }} />;
  else if (route.name === 'materials') body = <MaterialsAdmin api={api} session={session} />;
  else if (route.name === 'partners') body = route.partnerId ? <PartnerPage api={partners} session={session} partnerId={route.partnerId} /> : <PartnersHome api={partners} session={session} />;
  else if (route.name === 'panel') body = <Panel session={session} api={api} partners={partners} from={route.from} to={route.to} regional={route.regional} />;
  else if (route.name === 'review') body = <ReceivedList session={session} api={api} period={route.period} regional={route.regional} status={route.status} />;
  else body = <ReceivedList session={session} api={api} />;

  return (
    <div class="review">
      <header class="top">
        <div>
          <h1>Mobiliza</h1>
          <p class="subtitle">
            {user.name} · {user.role === 'central' ? 'Nível central (SES-MG)' : `Unidade Regional de Saúde de ${user.regional ?? ''}`}
          </p>
        </div>
        <a class="icon-link" href={href.settings()} aria-label="Configurações e conta">⚙</a>
      </header>
      {session.expired && (
        <p class="error" role="alert">
          Sua sessão expirou. <a href={href.signIn()}>Entre de novo</a>
        </p>
      )}
      <nav class="tabs" aria-label="Seções">
        <a href={href.review()} aria-current={tab === 'reports' ? 'page' : undefined}>Relatórios recebidos</a>
        <a href={href.panel()} aria-current={tab === 'panel' ? 'page' : undefined}>Painel</a>
        <a href={href.team()} aria-current={tab === 'team' ? 'page' : undefined}>Equipe</a>
        <a href={href.materials()} aria-current={tab === 'materials' ? 'page' : undefined}>Materiais</a>
        <a href={href.partners()} aria-current={tab === 'partners' ? 'page' : undefined}>Parceiros</a>
      </nav>
      {body}
    </div>
  );
}

const STATUS_FILTERS: { value?: ServerReportStatus; label: string }[] = [
  { label: 'Todas as situações' },
  ...SERVER_REPORT_STATUSES.map((value) => ({ value, label: REVIEW_STATUS_LABEL[value] })),
];

function ReceivedList({ session, api, period: asked, regional: askedRegional, status }: { session: Session; api: ReviewApi; period?: string; regional?: string; status?: ServerReportStatus }) {
  const db = useDb();
  const periods = recentPeriods();
  const period = asked ?? periods[0];
  const isCentral = session.user.role === 'central';
  const regional = isCentral ? askedRegional : session.user.regional;
  const uid = session.user.id;
  // A refresh asks for as many rows as are on screen ("Carregar mais" added some).
  const shown = useRef(0);
  const query = { period, regional, status };
  const remote = useRemote(db, cacheKey(uid, `reports:${period}:${regional ?? 'MG'}:${status ?? 'all'}`),
    () => api.reports(query, { rows: shown.current }), { refreshMs: REVIEW_REFRESH_MS });
  const deadlines = useRemote(db, cacheKey(uid, `deadlines:${period}:${regional ?? 'MG'}`), () => api.deadlines(period, regional), { refreshMs: REVIEW_REFRESH_MS * 3 });
  const [more, setMore] = useState<{ busy?: boolean; error?: string }>({});
  const page = remote.data;
  shown.current = page?.reports.length ?? 0;

  const scope = useMemo(() => (regional ? municipalitiesOfRegional(regional) : allMunicipalities()), [regional]);
  const names = useMemo(() => new Map(scope.map((m) => [m.code, m.name])), [scope]);
  const notSent = (deadlines.data?.municipalities ?? []).filter((m) => !m.firstReceivedAt).map((m) => m.name).sort((a, b) => a.localeCompare(b, 'pt-BR'));
  const counts = page?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const matching = counts ? (status ? counts[status] : total) : undefined;
  const go = (q: { period?: string; regional?: string; status?: string }) => navigate(href.review({ period, regional: isCentral ? regional : undefined, status, ...q }));

  const loadMore = async () => {
    if (!page?.nextCursor) return;
    setMore({ busy: true });
    try {
      const next = await api.reports(query, { after: page.nextCursor });
      remote.update({ ...page, reports: [...page.reports, ...next.reports], nextCursor: next.nextCursor });
      setMore({});
    } catch (e) {
      setMore({ error: e instanceof RemoteError ? e.message : 'Não foi possível carregar mais relatórios. Tente de novo.' });
    }
  };

  return (
    <section aria-labelledby="received-title">
      <h2 id="received-title">Relatórios recebidos — {formatPeriod(period)}</h2>
      <div class="filters">
        <div class="field">
          <label for="r-period">Mês de referência</label>
          <select id="r-period" value={period} onChange={(e) => go({ period: e.currentTarget.value })}>
            {periods.map((p) => <option key={p} value={p}>{formatPeriod(p)}</option>)}
          </select>
        </div>
        {isCentral && (
          <RegionalSelect id="r-regional" value={regional} onChange={(r) => go({ regional: r })} />
        )}
        <div class="field">
          <label for="r-status">Situação</label>
          <select id="r-status" value={status ?? ''} onChange={(e) => go({ status: e.currentTarget.value || undefined })}>
            {STATUS_FILTERS.map((f) => <option key={f.label} value={f.value ?? ''}>{f.label}</option>)}
          </select>
        </div>
      </div>
      <a class="button small" href={href.reviewImport()}>{IMPORT_TEXT.title}</a>
      {isCentral && <Duplicates session={session} api={api} />}
      <RemoteNotice remote={remote} updated />
      {page && (
        <div class="review-columns">
          <div class="review-main">
            {counts && (
              <p class="summary">
                {total} de {scope.length} municípios enviaram · {counts.received} aguardando revisão ·{' '}
                {plural(counts.returned, 'devolvido')} · {plural(counts.approved, 'aprovado')} · {plural(counts.consolidated, 'consolidado')}
              </p>
            )}
            {page.reports.length === 0 ? (
              <p class="empty">
                {status ? `Nenhum relatório com a situação “${REVIEW_STATUS_LABEL[status]}” em ${formatPeriod(period)}.` : `Nenhum relatório recebido para ${formatPeriod(period)}.`}
              </p>
            ) : (
              <>
                <ul class="cards review-cards">
                  {page.reports.map((r) => <ReportRow key={r.id} report={r} name={names.get(r.municipalityCode) ?? r.municipalityCode} />)}
                </ul>
                <p class="hint" data-testid="loaded-count">
                  {matching !== undefined && matching > page.reports.length
                    ? `Mostrando ${formatNumber(page.reports.length)} de ${formatNumber(matching)} relatórios`
                    : `${plural(page.reports.length, 'relatório')} — todos carregados`}
                </p>
                {more.error && <p class="error" role="alert">{more.error}</p>}
                {page.nextCursor && (
                  <button type="button" class="button secondary block" onClick={loadMore} disabled={more.busy} aria-busy={more.busy}>
                    {more.busy ? 'Carregando…' : 'Carregar mais'}
                  </button>
                )}
              </>
            )}
          </div>
          <div class="review-side">
            {deadlines.data && <DeadlineStanding data={deadlines.data} />}
            <details class="not-sent section" open={!!deadlines.data && notSent.length > 0 && notSent.length <= 60}>
              <summary>Ainda não enviaram ({deadlines.data ? notSent.length : '…'})</summary>
              {!deadlines.data ? <RemoteNotice remote={deadlines} /> : notSent.length === 0 ? <p>Todos os municípios enviaram.</p> : (
                <ul class="names">{notSent.map((n) => <li key={n}>{n}</li>)}</ul>
              )}
            </details>
          </div>
        </div>
      )}
    </section>
  );
}

function ReportRow({ report: r, name }: { report: ReportSummary; name: string }) {
  const review = r.lastReview;
  return (
    <li class="card">
      <a class="card-link" href={href.reviewReport(r.id)}>
        <span class="card-title review-title">{name}</span>
        <span class={`badge status-${r.status}`}>{REVIEW_STATUS_LABEL[r.status]}</span>
        <span class="card-counts">
          {plural(r.actionCount, 'ação', 'ações')} · {plural(r.photoCount, 'foto')} · revisão {r.revision} · recebido em {formatWhen(r.receivedAt)}
        </span>
        <span class="card-protocol">Protocolo {r.protocol}</span>
        {review && (
          <span class="card-counts">
            {DECISION_LABEL[review.decision]} por {review.by.name} em {formatWhen(review.at)}
          </span>
        )}
      </a>
    </li>
  );
}
