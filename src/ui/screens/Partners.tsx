// The agent's partners (#16): the municipality's registry kept on the phone (search without
// accents, "Carregar mais"), the public sign-ups waiting for the agent's Confirmar / Recusar
// (online only), and a partner's page with its history of actions: this phone's actions always,
// every report of the municipality when the endpoint answers (GET /partners/{id}).
import { useEffect, useState } from 'preact/hooks';
import { partnerHistory, partnersOf } from '../../db/partners';
import { ownerIdOf, type ProfileSetting } from '../../domain/outbox';
import type { PartnerHistoryItem } from '../../domain/partner';
import type { PartnerRow } from '../../domain/partner-row';
import { formatDate, formatPeriod } from '../../domain/period';
import { foldForSearch } from '../../domain/text';
import { isAbortError } from '../../domain/errors';
import { PARTNER_KINDS, sectorLabel, typeLabel } from '../../domain/vocabulary';
import { HttpError } from '../../sync/http';
import { confirmPartnerHere, NotSignedInError, partnerHistoryHere, refreshPartnersHere, rejectPartnerHere } from '../../sync/history-here';
import { useDb } from '../db-context';
import { plural } from '../format';
import { useLiveQuery } from '../hooks/use-live-query';
import { useOnline } from '../hooks/use-online';
import { href } from '../hooks/use-route';

const PAGE = 30;
const kindText = (v: string) => PARTNER_KINDS.find((k) => k.value === v)?.label ?? v;

/** What went wrong with a partner request, in plain Portuguese. */
export function partnerFailure(error: unknown): string {
  if (error instanceof NotSignedInError) return 'Sua sessão expirou. Entre de novo para continuar.';
  if (error instanceof HttpError) {
    if (error.status === 401) return 'Sua sessão expirou. Entre de novo para continuar.';
    if (error.status === 403) return 'Este parceiro não é do seu município: a unidade regional cuida dele.';
    if (error.status === 404) return 'Parceiro não encontrado (talvez já tenha sido juntado a outro). Atualize a lista.';
    if (error.status < 500) return error.body?.error?.message ?? 'O servidor recusou a operação.';
    return 'O servidor não respondeu como esperado. Tente de novo em alguns minutos.';
  }
  return 'Sem conexão com o servidor. Tente de novo quando tiver internet.';
}

export default function Partners({ profile, partnerId }: { profile: ProfileSetting; partnerId?: string }) {
  const db = useDb();
  const ownerId = ownerIdOf(profile);
  const online = useOnline();
  const rows = useLiveQuery(() => partnersOf(db, ownerId), [db, ownerId]);
  const [refresh, setRefresh] = useState<'busy' | 'failed' | 'done'>('busy');
  useEffect(() => {
    if (!online) return;
    setRefresh('busy');
    refreshPartnersHere(db).then(() => setRefresh('done'), () => setRefresh('failed'));
  }, [db, online]);
  const partner = partnerId ? rows?.find((p) => p.id === partnerId) : undefined;

  return (
    <div class="partners-screen">
      <header class="top">
        <a class="back" href={partnerId ? href.partners() : href.list()}>‹ {partnerId ? 'Parceiros' : 'Relatórios'}</a>
        <h1>{partner ? partner.name : 'Parceiros'}</h1>
      </header>
      {!online && <p class="hint" role="status">Sem internet: aparecem os parceiros guardados neste celular. Confirmar ou recusar inscrições precisa de internet.</p>}
      {online && refresh === 'busy' && <p class="hint" aria-busy="true">Atualizando a lista…</p>}
      {online && refresh === 'failed' && <p class="hint" role="status">Não foi possível atualizar a lista agora. Aparecem os parceiros guardados.</p>}
      {!rows ? <p class="loading" aria-busy="true">Carregando…</p>
        : partnerId ? (partner ? <PartnerDetail partner={partner} ownerId={ownerId} online={online} />
          : <p class="empty">Parceiro não encontrado neste celular. Ele pode ter sido juntado a outro ou recusado.</p>)
        : <PartnerIndex rows={rows} online={online} municipality={profile.municipalityName} />}
    </div>
  );
}

function PartnerIndex({ rows, online, municipality }: { rows: PartnerRow[]; online: boolean; municipality: string }) {
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE);
  const pending = rows.filter((p) => p.status === 'pending');
  const words = foldForSearch(q).split(' ').filter(Boolean);
  const active = rows.filter((p) => p.status === 'active' && words.every((w) => p.nameKey.includes(w)));
  return (
    <>
      <Signups pending={pending} online={online} />
      <section aria-labelledby="pa-title">
        <h2 id="pa-title">Parceiros de {municipality} ({rows.length - pending.length})</h2>
        <div class="field">
          <label for="pa-search">Buscar parceiro (sem acentos)</label>
          <input id="pa-search" type="search" value={q} onInput={(e) => { setQ(e.currentTarget.value); setShown(PAGE); }} />
        </div>
        {active.length === 0 ? (
          <p class="empty">{words.length ? `Nenhum parceiro encontrado para “${q}”.` : 'Nenhum parceiro cadastrado ainda. Adicione parceiros nas ações do relatório.'}</p>
        ) : (
          <ul class="partner-list">
            {active.slice(0, shown).map((p) => (
              <li key={p.id} data-testid="partner-row">
                <a href={href.partners(p.id)}>{p.name}</a> · {sectorLabel(p.sector)}{p.local ? ' · ainda não enviado' : ''}
              </li>
            ))}
          </ul>
        )}
        {active.length > shown && (
          <button type="button" class="button block" onClick={() => setShown(shown + PAGE)}>Carregar mais ({active.length - shown} restantes)</button>
        )}
      </section>
    </>
  );
}

function Signups({ pending, online }: { pending: PartnerRow[]; online: boolean }) {
  const db = useDb();
  const [busy, setBusy] = useState('');
  const [asking, setAsking] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  if (!pending.length) return note ? <p class={note.ok ? 'notice' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p> : null;
  const run = async (p: PartnerRow, what: 'confirm' | 'reject') => {
    setBusy(p.id);
    setAsking('');
    setNote(undefined);
    try {
      if (what === 'confirm') {
        const r = await confirmPartnerHere(db, p.id);
        setNote({ ok: true, text: r.mergedInto ? `Inscrição de “${p.name}” confirmada e juntada ao parceiro que já tinha esse nome.` : `Inscrição de “${p.name}” confirmada.` });
      } else {
        await rejectPartnerHere(db, p.id);
        setNote({ ok: true, text: `Inscrição de “${p.name}” recusada; os dados de contato foram apagados.` });
      }
    } catch (e) {
      setNote({ ok: false, text: partnerFailure(e) });
    } finally {
      setBusy('');
    }
  };
  return (
    <section class="section signups" aria-labelledby="su-title">
      <h2 id="su-title">Inscrições para confirmar ({pending.length})</h2>
      <p class="hint">Pessoas e instituições que se inscreveram em “Seja um Parceiro da Saúde”. Confirme quem é parceiro de verdade do município.</p>
      {note && <p class={note.ok ? 'notice' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
      <ul class="partner-list">
        {pending.map((p) => (
          <li key={p.id} data-testid="signup-row">
            <strong>{p.name}</strong> · {kindText(p.kind)} · {sectorLabel(p.sector)}
            {(p.phone || p.email || p.social) && <span class="hint"> · {[p.phone, p.email, p.social].filter(Boolean).join(' · ')}</span>}
            {asking === p.id ? (
              <span class="row">
                Recusar apaga os dados de contato. Recusar mesmo?
                <button type="button" class="button small danger" disabled={!!busy} onClick={() => void run(p, 'reject')}>Sim, recusar</button>
                <button type="button" class="button small" onClick={() => setAsking('')}>Cancelar</button>
              </span>
            ) : (
              <span class="row">
                <button type="button" class="button small primary" disabled={!online || !!busy} onClick={() => void run(p, 'confirm')}>
                  {busy === p.id ? 'Enviando…' : 'Confirmar'}
                </button>
                <button type="button" class="button small danger" disabled={!online || !!busy} onClick={() => setAsking(p.id)}>Recusar</button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {!online && <p class="hint">Sem conexão: confirme ou recuse quando tiver internet.</p>}
    </section>
  );
}

function PartnerDetail({ partner: p, ownerId, online }: { partner: PartnerRow; ownerId: string; online: boolean }) {
  const db = useDb();
  const local = useLiveQuery(() => partnerHistory(db, ownerId, { id: p.id, nameKey: p.nameKey }), [db, ownerId, p.id, p.nameKey]);
  const [remote, setRemote] = useState<{ items?: PartnerHistoryItem[]; error?: string }>({});
  useEffect(() => {
    if (!online || p.local) return;
    const controller = new AbortController();
    setRemote({});
    partnerHistoryHere(db, p.id, controller.signal).then(
      (items) => setRemote({ items }),
      (e) => !isAbortError(e) && setRemote({ error: partnerFailure(e) }),
    );
    return () => controller.abort();
  }, [db, p.id, p.local, online]);

  return (
    <section aria-label="Dados do parceiro">
      <p>{kindText(p.kind)}{p.governmental ? ' · governamental' : ''} · {sectorLabel(p.sector)}{p.status === 'pending' ? ' · inscrição pendente' : ''}</p>
      {(p.phone || p.email || p.social) && <p>Contato: {[p.phone, p.email, p.social].filter(Boolean).join(' · ')}</p>}
      <p>{p.campaigns ? 'Aceita receber campanhas da SES.' : 'Não pediu para receber campanhas.'}</p>
      <h2>Ações com este parceiro</h2>
      {!online ? <p class="hint" role="status">Sem conexão: aparecem só as ações registradas neste celular.</p>
        : p.local ? <p class="hint">Parceiro ainda não enviado: aparecem as ações deste celular.</p>
        : remote.error ? <p class="error" role="alert">{remote.error} Aparecem as ações deste celular.</p>
        : !remote.items && <p class="hint" aria-busy="true">Buscando as ações de todo o município…</p>}
      {remote.items ? (
        remote.items.length === 0 ? <p class="empty">Nenhuma ação enviada com este parceiro.</p> : (
          <ul class="partner-history" data-testid="partner-history">
            {remote.items.map((h) => (
              <li key={`${h.reportId}-${h.actionNumber}`}>{formatDate(h.date)} — {h.title} ({typeLabel(h.type)}, relatório de {formatPeriod(h.period)})</li>
            ))}
          </ul>
        )
      ) : local && (
        local.length === 0 ? <p class="empty">Nenhuma ação com este parceiro neste celular.</p> : (
          <ul class="partner-history" data-testid="partner-history">
            {local.map((h) => <li key={h.actionId}><a href={href.action(h.reportId, h.actionId)}>{formatDate(h.date)} — {h.title || 'Ação sem título'}</a></li>)}
          </ul>
        )
      )}
      {remote.items && local && local.length > 0 && <p class="hint">{plural(local.length, 'ação', 'ações')} deste celular com este parceiro.</p>}
    </section>
  );
}
