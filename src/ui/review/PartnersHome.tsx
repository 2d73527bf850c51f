// "Parceiros" for regional units and central (#16): the partnerships of a regional unit (central:
// any unit, or the state) with accent-insensitive search, a municipality filter, counts by sector
// and "Carregar mais"; the public sign-ups to confirm and the near-duplicates to merge. One
// GET /partners per unit (the endpoint's cap is 2000); filters and pages are applied here.
import { useMemo, useState } from 'preact/hooks';
import { cacheKey } from '../../db/remote-cache';
import { allMunicipalities, findMunicipality, municipalitiesOfRegional } from '../../domain/municipality';
import { kindLabel } from '../../domain/partner-registry';
import type { Session } from '../../domain/session';
import { foldForSearch } from '../../domain/text';
import { sectorLabel } from '../../domain/vocabulary';
import { useDb } from '../db-context';
import { formatNumber, plural } from '../format';
import { href } from '../hooks/use-route';
import type { PartnersApi } from './partners-api';
import { PartnerDuplicates } from './PartnerDuplicates';
import { PartnerSignups } from './PartnerSignups';
import { RegionalSelect } from './RegionalSelect';
import { RemoteNotice } from './RemoteNotice';
import { useRemote } from './use-remote';

export const PARTNERS_PAGE = 25;
const LIST_CAP = 2000;
const TOWNS_SHOWN = 15;

export function PartnersHome({ api, session }: { api: PartnersApi; session: Session }) {
  const db = useDb();
  const isCentral = session.user.role === 'central';
  const [chosenRegional, setRegional] = useState<string | undefined>();
  const regional = isCentral ? chosenRegional : session.user.regional;
  const [municipality, setMunicipality] = useState('');
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PARTNERS_PAGE);
  // a confirmed sign-up can make a new near-duplicate pair: ask for the pairs again
  const [confirmed, setConfirmed] = useState(0);
  const remote = useRemote(db, cacheKey(session.user.id, `partners:${regional ?? 'MG'}`), () => api.list({ regional }));
  const scope = useMemo(() => [...(regional ? municipalitiesOfRegional(regional) : allMunicipalities())].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')), [regional]);

  const all = remote.data ?? [];
  const here = all.filter((p) => !municipality || p.municipalityCode === municipality);
  const words = foldForSearch(q).split(' ').filter(Boolean);
  const active = here.filter((p) => p.status === 'active');
  const found = active.filter((p) => words.every((w) => foldForSearch(p.name).includes(w)));
  const bySector = countBy(found, (p) => p.sector);
  const byTown = municipality ? [] : countBy(found, (p) => p.municipalityCode ?? '');
  const towns = new Set(found.map((p) => p.municipalityCode)).size;
  const reset = () => setShown(PARTNERS_PAGE);
  const where = municipality ? findMunicipality(municipality)?.name : regional ? `Unidade Regional de Saúde de ${regional}` : 'Minas Gerais';

  return (
    <section aria-labelledby="partners-title" class="partners-review">
      <h2 id="partners-title">Parceiros da Saúde — {where}</h2>
      <div class="filters">
        {isCentral && <RegionalSelect id="pr-regional" value={regional} onChange={(r) => { setRegional(r); setMunicipality(''); reset(); }} />}
        <div class="field">
          <label for="pr-municipality">Município</label>
          <select id="pr-municipality" value={municipality} onChange={(e) => { setMunicipality(e.currentTarget.value); reset(); }}>
            <option value="">Todos</option>
            {scope.map((m) => <option key={m.code} value={m.code}>{m.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="pr-search">Buscar por nome (sem acentos)</label>
          <input id="pr-search" type="search" value={q} onInput={(e) => { setQ(e.currentTarget.value); reset(); }} />
        </div>
      </div>
      <RemoteNotice remote={remote} />
      {remote.data && (
        <>
          <PartnerSignups api={api} pending={here.filter((p) => p.status === 'pending')} onChanged={() => { remote.reload(); setConfirmed((n) => n + 1); }} />
          <PartnerDuplicates key={confirmed} api={api} session={session} regional={regional} onMerged={remote.reload} />
          <h3>Parceiros cadastrados</h3>
          <p class="summary" data-testid="partner-summary">
            {plural(found.length, 'parceiro')}{!municipality && ` em ${plural(towns, 'município')}`}
            {words.length ? ` com “${q}”` : ''}
            {all.length >= LIST_CAP && ' · a lista mostra os primeiros 2.000: escolha uma unidade regional'}
          </p>
          {bySector.length > 0 && (
            <table class="data-table sector-counts" aria-label="Parceiros por setor">
              <thead><tr><th scope="col">Setor</th><th scope="col">Parceiros</th></tr></thead>
              <tbody>{bySector.map(([s, n]) => <tr key={s}><th scope="row">{sectorLabel(s)}</th><td class="num">{formatNumber(n)}</td></tr>)}</tbody>
            </table>
          )}
          {byTown.length > 1 && (
            <table class="data-table town-counts" aria-label="Parceiros por município">
              <thead><tr><th scope="col">Município</th><th scope="col">Parceiros</th></tr></thead>
              <tbody>
                {byTown.slice(0, TOWNS_SHOWN).map(([code, n]) => (
                  <tr key={code}>
                    <th scope="row">{code ? <button type="button" class="button link" onClick={() => { setMunicipality(code); reset(); }}>{findMunicipality(code)?.name ?? code}</button> : 'Estadual'}</th>
                    <td class="num">{formatNumber(n)}</td>
                  </tr>
                ))}
              </tbody>
              {byTown.length > TOWNS_SHOWN && <caption class="hint">Os {TOWNS_SHOWN} municípios com mais parceiros; escolha outro no filtro.</caption>}
            </table>
          )}
          {found.length === 0 ? (
            <p class="empty">{words.length ? `Nenhum parceiro encontrado para “${q}”.` : `Nenhum parceiro cadastrado em ${where}.`}</p>
          ) : (
            <ul class="cards">
              {found.slice(0, shown).map((p) => (
                <li class="card" key={p.id} data-testid="partner-row">
                  <a class="card-link" href={href.partners(p.id)}>
                    <span class="card-title review-title">{p.name}</span>
                    <span class="card-counts">
                      {p.municipalityCode ? findMunicipality(p.municipalityCode)?.name ?? p.municipalityCode : 'Estadual'} · {sectorLabel(p.sector)} · {kindLabel(p.kind)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {found.length > shown && (
            <button type="button" class="button block" onClick={() => setShown(shown + PARTNERS_PAGE)}>Carregar mais ({found.length - shown} restantes)</button>
          )}
        </>
      )}
    </section>
  );
}

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
