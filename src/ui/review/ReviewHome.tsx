// Regional and central accounts: "Relatórios recebidos" and "Painel" instead of the agent's editor.
// One lazy chunk with ReviewReport and Panel (fewer, better-compressed files).
import { useMemo } from 'preact/hooks';
import { DeadlineStanding } from './DeadlineStanding';
import { allMunicipalities, municipalitiesOfRegional } from '../../domain/municipality';
import { formatPeriod, recentPeriods } from '../../domain/period';
import type { ReportSummary } from '../../domain/api';
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
import { type ReviewApi } from './review-api';
import { formatDateTime as formatWhen, plural } from '../format';
import { DECISION_LABEL, IMPORT_TEXT, REVIEW_STATUS_LABEL } from './labels';
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
  else body = <ReceivedList session={session} api={api} period={route.name === 'review' ? route.period : undefined} regional={route.name === 'review' ? route.regional : undefined} />;

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

const ORDER: Record<string, number> = { received: 0, returned: 1, approved: 2, consolidated: 3 };

function ReceivedList({ session, api, period: asked, regional: askedRegional }: { session: Session; api: ReviewApi; period?: string; regional?: string }) {
  const db = useDb();
  const periods = recentPeriods();
  const period = asked ?? periods[0];
  const isCentral = session.user.role === 'central';
  const regional = isCentral ? askedRegional : session.user.regional;
  const remote = useRemote(db, cacheKey(session.user.id, `reports:${period}`), () => api.reports(period));

  const scope = useMemo(() => (regional ? municipalitiesOfRegional(regional) : allMunicipalities()), [regional]);
  const names = useMemo(() => new Map(scope.map((m) => [m.code, m.name])), [scope]);
  const reports = (remote.data ?? [])
    .filter((r) => names.has(r.municipalityCode))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (names.get(a.municipalityCode) ?? '').localeCompare(names.get(b.municipalityCode) ?? '', 'pt-BR'));
  const sent = new Set(reports.map((r) => r.municipalityCode));
  const notSent = scope.filter((m) => !sent.has(m.code)).sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
  const count = (s: string) => reports.filter((r) => r.status === s).length;

  return (
    <section aria-labelledby="received-title">
      <h2 id="received-title">Relatórios recebidos — {formatPeriod(period)}</h2>
      <div class="filters">
        <div class="field">
          <label for="r-period">Mês de referência</label>
          <select id="r-period" value={period} onChange={(e) => navigate(href.review({ period: e.currentTarget.value, regional }))}>
            {periods.map((p) => <option key={p} value={p}>{formatPeriod(p)}</option>)}
          </select>
        </div>
        {isCentral && (
          <RegionalSelect id="r-regional" value={regional} onChange={(r) => navigate(href.review({ period, regional: r }))} />
        )}
      </div>
      <a class="button small" href={href.reviewImport()}>{IMPORT_TEXT.title}</a>
      {isCentral && <Duplicates session={session} api={api} />}
      <RemoteNotice remote={remote} />
      {remote.data && (
        <>
          <p class="summary">
            {reports.length} de {scope.length} municípios enviaram · {count('received')} aguardando revisão ·{' '}
            {plural(count('returned'), 'devolvido')} · {plural(count('approved'), 'aprovado')} · {plural(count('consolidated'), 'consolidado')}
          </p>
          {reports.length === 0 ? (
            <p class="empty">Nenhum relatório recebido para {formatPeriod(period)}.</p>
          ) : (
            <ul class="cards">
              {reports.map((r) => <ReportRow key={r.id} report={r} name={names.get(r.municipalityCode) ?? r.municipalityCode} />)}
            </ul>
          )}
          <DeadlineStanding session={session} api={api} period={period} regional={regional} />
          <details class="not-sent section" open={notSent.length > 0 && notSent.length <= 60}>
            <summary>Ainda não enviaram ({notSent.length})</summary>
            {notSent.length === 0 ? <p>Todos os municípios enviaram.</p> : (
              <ul class="names">{notSent.map((m) => <li key={m.code}>{m.name}</li>)}</ul>
            )}
          </details>
        </>
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
