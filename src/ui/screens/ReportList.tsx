// first-load module: the home screen, one card per month.
import { useEffect, useState } from 'preact/hooks';
import { clearSnapshot, storageHere, writeSnapshot } from '../../db/first-screen-snapshot';
import { listReportCards, createReport, type ReportCard } from '../../db/reports';
import { ownerIdOf, planBDue, type ProfileSetting } from '../../domain/outbox';
import { PLAN_B_TEXT } from '../messages';
import { formatPeriod, formatPeriodTitle, periodOfDate, shiftPeriod } from '../../domain/period';
import type { ReportCheck } from '../../db/queue-report';
import { InstallButton } from '../components/InstallButton';
import { SyncBar } from '../components/SyncBar';
import { UpdateBanner } from '../components/UpdateBanner';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { href, navigate } from '../hooks/use-route';
import { statusLine } from '../report-status';
import { markFirstScreen, whenIdle } from '../idle';
import { requestPersistence } from '../storage';
import { NO_ACTIONS_TEXT } from '../messages';
import { getDeadlines } from '../../db/notification-settings';
import type { DeadlineSettings } from '../../domain/deadline';
import { DueDate, MissingMonthNotice } from '../notifications/DueDate';
import { PushOfferSlot } from '../notifications/PushOfferSlot';

export function ReportList({ profile, initialCards }: { profile: ProfileSetting; initialCards?: ReportCard[] }) {
  const db = useDb();
  const owner = ownerIdOf(profile);
  const cards = useLiveQuery(() => listReportCards(db, owner), [db, owner], initialCards);
  const deadlines = useLiveQuery(() => getDeadlines(db), [db]);
  // The due-date rule is pulled with the list (after sign-in the list opens at once).
  useEffect(() => whenIdle(() => void import('../notifications/refresh-deadlines').then((m) => m.refreshDeadlines(db)).catch(() => undefined)), [db, profile.accountId]);
  // …and the campaign materials are kept for use without signal (#16)
  useEffect(() => whenIdle(() => void import('../materials/refresh-materials').then((m) => m.refreshMaterials(db)).catch(() => undefined)), [db, profile.accountId]);
  // The list on screen paints the next open at once (src/db/first-screen-snapshot.ts). Only while it
  // is on screen: another screen may change what it shows, so leaving it removes the copy (an app
  // closed elsewhere opens through the IndexedDB read). The copy it painted from is not written back.
  useEffect(() => {
    if (cards && cards !== initialCards) writeSnapshot(storageHere(), db.verno, profile, owner, cards);
  }, [cards, profile]);
  useEffect(() => () => clearSnapshot(storageHere()), []);
  const loaded = cards !== undefined;
  useEffect(() => {
    if (loaded) markFirstScreen();
  }, [loaded]);
  const [error, setError] = useState('');
  const current = periodOfDate(new Date());

  const start = async (period: string) => {
    setError('');
    try {
      const report = await createReport(db, {
        ownerId: owner,
        municipalityCode: profile.municipalityCode,
        period,
        responsible: { name: profile.name, role: profile.role, phone: profile.phone, email: profile.email },
      });
      void requestPersistence(db);
      navigate(href.report(report.id));
    } catch (e) {
      console.error(e);
      setError('Não foi possível criar o relatório neste aparelho. Verifique se há espaço livre e tente de novo.');
    }
  };

  const existing = new Set(cards?.map((c) => c.report.period));
  const earlier = Array.from({ length: 12 }, (_, i) => shiftPeriod(current, -(i + 1))).filter((p) => !existing.has(p));

  return (
    <>
      <header class="top">
        <div>
          <h1>Mobiliza</h1>
          <p class="subtitle">
            {profile.municipalityName} · Regional {profile.regional}
          </p>
        </div>
        <a class="icon-link text" href={href.partners()}>Parceiros</a>
        <a class="icon-link text" href={href.materials()}>Materiais</a>
        <a class="icon-link" href={href.settings()} aria-label="Configurações e armazenamento">
          ⚙
        </a>
      </header>
      <UpdateBanner />
      <SyncBar ownerId={owner} />
      {error && <p class="error" role="alert">{error}</p>}
      {profile.accountId && <PushOfferSlot delivered={!!cards?.some((c) => !['draft', 'queued', 'needs_fix'].includes(c.report.status))} />}
      {cards && <MissingMonthNotice existing={existing} settings={deadlines} onStart={start} />}

      {!existing.has(current) && cards && (
        <button type="button" class="button primary block" onClick={() => start(current)}>
          Começar relatório de {formatPeriod(current)}
        </button>
      )}

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">Relatórios mensais</h2>
        {cards === undefined && <p class="loading">Carregando…</p>}
        {cards?.length === 0 && (
          <p class="empty">
            Nenhum relatório ainda. Comece o de {formatPeriod(current)}: registre cada ação assim que ela acontecer, mesmo sem
            internet.
          </p>
        )}
        <ul class="cards">
          {cards?.map((card) => (
            <ReportCardItem key={card.report.id} card={card} deadlines={deadlines} />
          ))}
        </ul>
      </section>

      {cards && earlier.length > 0 && <EarlierMonth periods={earlier} onStart={start} />}
      <InstallButton />
    </>
  );
}

function ReportCardItem({ card, deadlines }: { card: ReportCard; deadlines?: DeadlineSettings }) {
  const db = useDb();
  const { report, actionCount, photoCount, item } = card;
  const status = statusLine(report, item);
  const [check, setCheck] = useState<ReportCheck | undefined>();
  const draft = report.status === 'draft';
  useEffect(() => {
    if (!draft) return;
    let live = true;
    // "what is still missing" (drafts only) needs the validation chunk: load it once the list is on screen
    whenIdle(() =>
      void import('../../db/queue-report')
        .then((m) => m.checkReport(db, report.id))
        .then((r) => live && setCheck(r))
        .catch(() => undefined),
    );
    return () => {
      live = false;
    };
  }, [db, draft, report.id, report.updatedAt, actionCount, photoCount]);

  return (
    <li class="card">
      <a href={href.report(report.id)} class="card-link">
        <span class="card-title">{formatPeriodTitle(report.period)}</span>
        <span class={`badge status-${report.status}`} data-testid="report-status">{status.label}</span>
        {status.detail && <span class="card-detail">{status.detail}</span>}
        <DueDate period={report.period} status={report.status} settings={deadlines} />
        <span class="card-counts">
          {actionCount} {actionCount === 1 ? 'ação' : 'ações'} · {photoCount} {photoCount === 1 ? 'foto' : 'fotos'}
        </span>
        {report.status === 'queued' && item && planBDue(item, Date.now()) && <span class="card-missing" data-testid="plan-b-hint">{PLAN_B_TEXT.cardHint}</span>}
        {check && draft && (
          <span class={check.issues.length ? 'card-missing' : 'card-ready'}>
            {check.issues.length === 0
              ? 'Pronto para enviar'
              : `Falta ${check.issues.length === 1 ? '1 item' : `${check.issues.length} itens`}: ${actionCount === 0 ? NO_ACTIONS_TEXT.card : check.issues[0].message}`}
          </span>
        )}
      </a>
    </li>
  );
}

function EarlierMonth({ periods, onStart }: { periods: string[]; onStart: (period: string) => void }) {
  const [period, setPeriod] = useState(periods[0]);
  return (
    <section class="earlier" aria-labelledby="earlier-title">
      <h2 id="earlier-title">Relatório de um mês anterior</h2>
      <div class="row">
        <label class="visually-hidden" for="earlier-period">
          Mês
        </label>
        <select id="earlier-period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {formatPeriod(p)}
            </option>
          ))}
        </select>
        <button type="button" class="button" onClick={() => onStart(period)}>
          Começar
        </button>
      </div>
    </section>
  );
}
