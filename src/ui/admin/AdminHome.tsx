// "Equipe": the administrators' screens (#13), a lazy chunk agents never download. Regional units
// manage their municipalities' agents; central manages everyone.
import { useState } from 'preact/hooks';
import type { AccessCode } from '../../domain/accounts-api';
import { findMunicipality } from '../../domain/municipality';
import type { Session } from '../../domain/session';
import type { Fetch } from '../../sync/http';
import { useDb } from '../db-context';
import { useRemote } from '../review/use-remote';
import { cacheKey } from '../../db/remote-cache';
import type { AdminApi } from './admin-api';
import { useAdminApi } from './use-admin-api';
import { adminHref, parseAdminView } from './admin-routes';
import { AccountForm } from './AccountForm';
import { AccountList, ROLE_LABEL } from './AccountList';
import { AccountPage } from './AccountPage';
import { ImportScreen } from './ImportScreen';
import { NUCLEO_LABEL, NucleoList } from './NucleoList';
import './admin.css';

export default function AdminHome({ parts, query, session, fetch }: { parts: string[]; query: string; session: Session; fetch?: Fetch }) {
  const db = useDb();
  const api = useAdminApi(session, fetch);
  const view = parseAdminView(parts, new URLSearchParams(query));
  const actor = session.user;
  const [fresh, setFresh] = useState<{ id: string; code: AccessCode } | undefined>();
  const nucleos = useRemote(db, cacheKey(actor.id, 'nucleos'), () => api.nucleos());

  let body;
  if (view.view === 'municipality') {
    const m = findMunicipality(view.code);
    const n = nucleos.data?.municipalities.find((x) => x.code === view.code);
    body = (
      <section aria-labelledby="m-title">
        <p><a href={adminHref.nucleos()}>‹ Núcleos municipais</a></p>
        <h2 id="m-title">{m?.name ?? view.code}</h2>
        <p class="subtitle">Unidade regional {m?.regional} · {n ? NUCLEO_LABEL[n.state] : ''}</p>
        <a class="button primary" href={adminHref.create({ municipality: view.code, role: 'agent' })}>Nova conta de agente</a>
        <h3>Agentes</h3>
        <AccountList api={api} query={{ municipality: view.code }} empty="Nenhuma conta neste município ainda. Crie a primeira para formar o núcleo." />
      </section>
    );
  } else if (view.view === 'accounts') body = <AccountsView api={api} central={actor.role === 'central'} initial={view.q} />;
  else if (view.view === 'account') body = <AccountPage api={api} actor={actor} id={view.id} fresh={fresh?.id === view.id ? fresh.code : undefined} />;
  else if (view.view === 'new') {
    body = (
      <section aria-labelledby="new-title">
        <h2 id="new-title">Nova conta</h2>
        <p>Ao criar, o Mobiliza gera um link de acesso de uso único para a pessoa entrar no celular e escolher a própria senha.</p>
        <AccountForm api={api} actor={actor} municipality={view.municipality} role={view.role}
          onCreated={(c) => setFresh({ id: c.account.id, code: c.accessCode })} />
      </section>
    );
  } else if (view.view === 'import') body = <ImportScreen api={api} regional={actor.role === 'regional' ? actor.regional : undefined} />;
  else body = <NucleoList remote={nucleos} initialQuery={view.q} />;

  const current = view.view === 'municipality' ? 'nucleos' : view.view === 'account' ? 'accounts' : view.view;
  return (
    <div class="admin">
      <nav class="subtabs" aria-label="Equipe">
        <a href={adminHref.nucleos()} aria-current={current === 'nucleos' ? 'page' : undefined}>Núcleos municipais</a>
        <a href={adminHref.accounts()} aria-current={current === 'accounts' ? 'page' : undefined}>Contas</a>
        <a href={adminHref.create()} aria-current={current === 'new' ? 'page' : undefined}>Nova conta</a>
        <a href={adminHref.import()} aria-current={current === 'import' ? 'page' : undefined}>Importar planilha</a>
      </nav>
      {body}
    </div>
  );
}

function AccountsView({ api, central, initial }: { api: AdminApi; central: boolean; initial?: string }) {
  const [q, setQ] = useState(initial ?? '');
  const [typed, setTyped] = useState(initial ?? '');
  const [role, setRole] = useState('');
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">Contas</h2>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setQ(typed.trim()); }}>
        <div class="field">
          <label for="acc-search">Buscar por nome ou usuário</label>
          <input id="acc-search" type="search" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} onBlur={() => setQ(typed.trim())} />
        </div>
        {central && (
          <div class="field">
            <label for="acc-role">Papel</label>
            <select id="acc-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              <option value="">Todos</option>
              {(['central', 'regional', 'agent'] as const).map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
            </select>
          </div>
        )}
      </form>
      <AccountList api={api} query={{ q: q || undefined, role: role || undefined }} empty={q ? `Nenhuma conta encontrada para "${q}".` : 'Nenhuma conta ainda.'} />
    </section>
  );
}
