// first-load module: the home screen, one card per month.
import { useEffect, useState } from 'preact/hooks';
import { listReportCards, createReport, type ReportCard } from '../../db/reports';
import { ownerIdOf, type ProfileSetting } from '../../domain/outbox';
import { formatPeriod, formatPeriodTitle, periodOfDate, shiftPeriod } from '../../domain/period';
import { plural } from '../format';
import type { ReportCheck } from '../../db/queue-report';
import { InstallButton } from '../components/InstallButton';
import { SyncBar } from '../components/SyncBar';
import { UpdateBanner } from '../components/UpdateBanner';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { href, navigate } from '../hooks/use-route';
import { statusLine } from '../report-status';
import { whenIdle } from '../idle';
import { requestPersistence } from '../storage';

export function ReportList({ profile }: { profile: ProfileSetting }) {
  const db = useDb();
  const owner = ownerIdOf(profile);
  const cards = useLiveQuery(() => listReportCards(db, owner), [db, owner]);
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
        <a class="icon-link" href={href.settings()} aria-label="Configurações e armazenamento">
          ⚙
        </a>
      </header>
      <UpdateBanner />
      <SyncBar ownerId={owner} />
      {error && <p class="error" role="alert">{error}</p>}

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
            <ReportCardItem key={card.report.id} card={card} />
          ))}
        </ul>
      </section>

      {cards && earlier.length > 0 && <EarlierMonth periods={earlier} onStart={start} />}
      <InstallButton />
    </>
  );
}

function ReportCardItem({ card }: { card: ReportCard }) {
  const db = useDb();
  const { report, actionCount, photoCount, item } = card;
  const status = statusLine(report, item);
  const [check, setCheck] = useState<ReportCheck | undefined>();
  useEffect(() => {
    let live = true;
    // "what is still missing" needs the validation chunk: load it once the list is on screen
    whenIdle(() =>
      void import('../../db/queue-report')
        .then((m) => m.checkReport(db, report.id))
        .then((r) => live && setCheck(r))
        .catch(() => undefined),
    );
    return () => {
      live = false;
    };
  }, [db, report.id, report.updatedAt, actionCount, photoCount]);

  return (
    <li class="card">
      <a href={href.report(report.id)} class="card-link">
        <span class="card-title">{formatPeriodTitle(report.period)}</span>
        <span class={`badge status-${report.status}`} data-testid="report-status">{status.label}</span>
        {status.detail && <span class="card-detail">{status.detail}</span>}
        <span class="card-counts">
          {plural(actionCount, 'ação', 'ações')} · {plural(photoCount, 'foto')}
        </span>
        {check && report.status === 'draft' && (
          <span class={check.issues.length ? 'card-missing' : 'card-ready'}>
            {check.issues.length === 0
              ? 'Pronto para enviar'
              : `Falta ${check.issues.length === 1 ? '1 item' : `${check.issues.length} itens`}: ${check.issues[0].message}`}
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
