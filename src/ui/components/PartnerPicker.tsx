// The action's partners (#16): picked from the municipality's registry kept on the phone (search
// without accents), or registered here offline; free-text partners of older reports stay editable.
import { useState } from 'preact/hooks';
import { addLocalPartner, partnerHistory, searchPartners, type NewPartnerFields } from '../../db/partners';
import type { ActionDraftFields, PartnerSector } from '../../domain/action';
import { LIMITS } from '../../domain/limits';
import { formatDate } from '../../domain/period';
import { NewPartnerSchema } from '../../domain/partner';
import type { PartnerRow } from '../../domain/partner-row';
import { foldForSearch } from '../../domain/text';
import { PARTNER_KINDS, PARTNER_SECTORS, sectorLabel } from '../../domain/vocabulary';
import { confirmPartnerHere } from '../../sync/history-here';
import { useDb } from '../db-context';
import { useLiveQuery } from '../hooks/use-live-query';
import { PARTNER_TEXT as T } from '../messages';
import { SelectInput, TextInput } from './Fields';

type Chosen = ActionDraftFields['partners'][number];

export function PartnerPicker(props: { ownerId: string; municipalityCode: string; partners: Chosen[]; onChange: (p: Chosen[]) => void }) {
  const { ownerId, partners, onChange } = props;
  const db = useDb();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState('');
  const found = useLiveQuery(() => searchPartners(db, ownerId, q), [db, ownerId, q]) ?? [];
  const ids = new Set(partners.map((p) => p.partnerId));
  const pick = (p: PartnerRow) => {
    onChange([...partners, { name: p.name, sector: p.sector as PartnerSector, partnerId: p.id }]);
    setQ('');
    setAdding(false);
  };
  return (
    <fieldset class="field partners" id="f-partners" tabIndex={-1}>
      <legend>{T.legend}</legend>
      {partners.map((p, i) => (
        <div class="partner" key={p.partnerId ?? i}>
          {/* free-text partners of older reports (no partnerId) stay as they were: shown, sent, counted by name */}
          <details>
            <summary>{p.name} ({sectorLabel(p.sector)})</summary>
            <History ownerId={ownerId} id={p.partnerId} name={p.name} />
          </details>
          <button type="button" class="button small danger" onClick={() => onChange(partners.filter((_, j) => j !== i))}>{T.remove}</button>
        </div>
      ))}
      {partners.length < LIMITS.partnersPerAction && (
        <>
          <TextInput id="f-partner-search" label={T.search} value={q} onChange={setQ} />
          {found.filter((p) => !ids.has(p.id)).map((p) => (
            <p key={p.id}>
              <button type="button" class="button small" onClick={() => pick(p)}>{p.name}{p.status === 'pending' && T.pending}</button>
              {p.status === 'pending' && (
                <button type="button" class="button small" onClick={() => confirmPartnerHere(db, p.id).then(() => setNote(''), () => setNote(T.confirmFailed))}>{T.confirm}</button>
              )}
            </p>
          ))}
          {note && <p class="field-error" role="alert">{note}</p>}
          {adding ? (
            <NewPartner name={q} onCancel={() => setAdding(false)} onSave={async (f) => pick(await addLocalPartner(db, ownerId, props.municipalityCode, f))} />
          ) : (
            <button type="button" class="button small" onClick={() => setAdding(true)}>{T.add}</button>
          )}
        </>
      )}
    </fieldset>
  );
}

function History({ ownerId, id, name }: { ownerId: string; id?: string; name: string }) {
  const db = useDb();
  const rows = useLiveQuery(() => partnerHistory(db, ownerId, { id, nameKey: foldForSearch(name) }), [db, ownerId, id, name]);
  return (
    <ul aria-label={T.history}>
      {rows?.map((r) => <li key={r.actionId}>{formatDate(r.date)} — {r.title}</li>)}
    </ul>
  );
}

function NewPartner(props: { name: string; onSave: (f: NewPartnerFields) => Promise<void>; onCancel: () => void }) {
  const [f, setF] = useState<NewPartnerFields>({ name: props.name, kind: '', governmental: false, sector: '', campaigns: false });
  const [error, setError] = useState('');
  const set = <K extends keyof NewPartnerFields>(k: K) => (v: NewPartnerFields[K]) => setF({ ...f, [k]: v });
  const save = () => {
    const r = NewPartnerSchema.safeParse({ ...f, id: crypto.randomUUID() });
    if (!r.success) return setError(r.error.issues[0].message);
    void props.onSave(f);
  };
  return (
    <div class="new-partner">
      <TextInput id="f-np-name" label={T.name} value={f.name} onChange={set('name')} maxLength={LIMITS.shortTextChars} />
      <SelectInput id="f-np-kind" label={T.kind} value={f.kind} options={PARTNER_KINDS} placeholder={T.pick} onChange={set('kind')} />
      <SelectInput id="f-np-sector" label={T.sector} value={f.sector} options={PARTNER_SECTORS} placeholder={T.pick} onChange={set('sector')} />
      <label><input type="checkbox" checked={f.governmental} onChange={(e) => set('governmental')(e.currentTarget.checked)} /> {T.governmental}</label>
      <TextInput id="f-np-phone" label={T.phone} type="tel" value={f.phone ?? ''} onChange={set('phone')} maxLength={20} />
      <TextInput id="f-np-email" label={T.email} type="email" value={f.email ?? ''} onChange={set('email')} maxLength={LIMITS.shortTextChars} />
      <TextInput id="f-np-social" label={T.social} value={f.social ?? ''} onChange={set('social')} maxLength={80} />
      <label><input type="checkbox" checked={f.campaigns} onChange={(e) => set('campaigns')(e.currentTarget.checked)} /> {T.campaigns}</label>
      {error && <p class="field-error" role="alert">{error}</p>}
      <button type="button" class="button small primary" onClick={save}>{T.save}</button>
      <button type="button" class="button small" onClick={props.onCancel}>{T.cancel}</button>
    </div>
  );
}
