// first-load module: the screen switch.
import { useEffect, useRef } from 'preact/hooks';
import { clearSnapshot, storageHere } from '../db/first-screen-snapshot';
import type { MobilizaDb } from '../db/database';
import type { FirstScreen } from '../db/first-screen';
import { getSession } from '../db/session';
import { ownerIdOf } from '../domain/outbox';
import { getProfile } from '../db/settings';
import { Lazy } from './components/Lazy';
import { OnlineIndicator } from './components/OnlineIndicator';
import { DbContext } from './db-context';
import { useLiveQuery } from './hooks/use-live-query';
import { useRoute } from './hooks/use-route';
import { ReportList } from './screens/ReportList';

const loadProfileForm = () => import('./screens/ProfileForm');
const loadReportEditor = () => import('./screens/ReportEditor');
const loadActionEditor = () => import('./screens/ActionEditor');
const loadReadyCheck = () => import('./screens/ReadyCheck');
const loadSettings = () => import('./screens/Settings');
const loadMaterials = () => import('./materials/Materials');
const loadPartners = () => import('./screens/Partners');
const loadSignIn = () => import('./screens/SignIn');
const loadRedeemAccess = () => import('./screens/RedeemAccess');
const loadPrintReport = () => import('./screens/PrintReport');
// the reviewer console: its own lazy chunk (vite.config.ts), never loaded for an agent
const loadReviewHome = () => import('./review/ReviewHome');
const loadRemotePrint = () => import('./review/RemotePrint');

export function App({ db, first }: { db: MobilizaDb; first?: FirstScreen }) {
  const profile = useLiveQuery(async () => (await getProfile(db)) ?? null, [db], first?.profile);
  const route = useRoute();
  const session = useLiveQuery(async () => (await getSession(db)) ?? null, [db], first?.session);
  // the list read before the first render serves the list's first render only
  const firstCards = useRef(first?.cards);
  const takeFirstCards = (ownerId: string) => {
    const c = firstCards.current;
    firstCards.current = undefined;
    return c?.ownerId === ownerId ? c.cards : undefined;
  };
  const reviewer = session && session.user.role !== 'agent';
  // no profile on the phone (signed out, wiped): no list copy either; a reviewer's phone keeps none
  useEffect(() => {
    if (profile === null || reviewer) clearSnapshot(storageHere());
  }, [profile === null, reviewer]);

  let screen;
  if (profile === undefined || session === undefined) screen = <p class="loading" aria-busy="true">Carregando…</p>;
  else if (route.name === 'signIn' && route.code) screen = <Lazy load={loadRedeemAccess} props={{ code: route.code }} />;
  else if (profile === null)
    screen =
      route.name === 'profile' ? <Lazy load={loadProfileForm} props={{ profile: null }} /> : <Lazy load={loadSignIn} props={{ welcome: true }} />;
  else if (route.name === 'signIn') screen = <Lazy load={loadSignIn} props={{ welcome: false }} />;
  else if (route.name === 'profile') screen = <Lazy load={loadProfileForm} props={{ profile }} />;
  else if (route.name === 'print')
    screen = reviewer ? <Lazy load={loadRemotePrint} props={{ reportId: route.reportId, session }} /> : <Lazy load={loadPrintReport} props={{ reportId: route.reportId }} />;
  else if (reviewer && route.name !== 'settings') screen = <Lazy load={loadReviewHome} props={{ route, session }} />;
  else if (route.name === 'report') screen = <Lazy load={loadReportEditor} props={{ reportId: route.reportId, field: route.field }} />;
  else if (route.name === 'action')
    screen = <Lazy load={loadActionEditor} props={{ reportId: route.reportId, actionId: route.actionId, field: route.field }} />;
  else if (route.name === 'check') screen = <Lazy load={loadReadyCheck} props={{ reportId: route.reportId }} />;
  else if (route.name === 'settings') screen = <Lazy load={loadSettings} props={{ profile }} />;
  else if (route.name === 'materials') screen = <Lazy load={loadMaterials} props={{}} />;
  else if (route.name === 'partners') screen = <Lazy load={loadPartners} props={{ profile, partnerId: route.partnerId }} />;
  else screen = <ReportList profile={profile} initialCards={takeFirstCards(ownerIdOf(profile))} />;

  return (
    <DbContext.Provider value={db}>
      <main class="app">
        <OnlineIndicator />
        {screen}
      </main>
    </DbContext.Provider>
  );
}
