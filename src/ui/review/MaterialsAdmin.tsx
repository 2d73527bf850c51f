// "Materiais" for reviewers (#16): central uploads campaign pieces (images, PDFs) for a campaign of
// the month and workshop tutorials (a file, or text steps), and takes them down; regional units see
// the list. The endpoint sniffs each file and has the last word on every rule.
import { useEffect, useState } from 'preact/hooks';
import { campaignsOfMonth } from '../../domain/campaigns';
import { MATERIAL_LIMITS, MATERIAL_MAX_BYTES, WORKSHOPS, type Material } from '../../domain/material';
import type { MaterialMeta } from '../../domain/material-upload';
import { formatPeriod, periodOfDate, shiftPeriod } from '../../domain/period';
import type { Session } from '../../domain/session';
import { formatMegabytes } from '../format';
import { WORKSHOP_LABEL } from '../materials/workshop-label';
import { RemoteError, type ReviewApi } from './review-api';

type Kind = MaterialMeta['kind'];

export function MaterialsAdmin({ api, session }: { api: ReviewApi; session: Session }) {
  const central = session.user.role === 'central';
  const current = periodOfDate(new Date());
  const [month, setMonth] = useState(current);
  const [list, setList] = useState<Material[] | undefined>();
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const [kind, setKind] = useState<Kind>('piece');
  const [title, setTitle] = useState('');
  const [campaign, setCampaign] = useState('');
  const [workshop, setWorkshop] = useState<(typeof WORKSHOPS)[number]>('capacitacao');
  const [steps, setSteps] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [formKey, setFormKey] = useState(0);
  const campaigns = campaignsOfMonth(Number(month.slice(5)));

  const load = () => api.materials(month).then(setList, (e) => setState({ error: e instanceof RemoteError ? e.message : 'Não foi possível carregar os materiais.' }));
  useEffect(() => { void load(); }, [month]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (file && file.size > MATERIAL_MAX_BYTES) return setState({ error: `O arquivo tem ${formatMegabytes(file.size)}: o limite é ${formatMegabytes(MATERIAL_MAX_BYTES)}.` });
    if (kind === 'piece' && !file) return setState({ error: 'Escolha o arquivo da peça (imagem ou PDF).' });
    if (kind === 'tutorial' && !file && !steps.trim()) return setState({ error: 'Escolha o arquivo do tutorial ou escreva os passos.' });
    setState({ busy: true });
    const meta: MaterialMeta = kind === 'piece'
      ? { kind, title, month, campaign: campaign || campaigns[0]?.name, fileName: file?.name }
      : { kind, title, workshop, ...(file ? { fileName: file.name } : { steps }) };
    try {
      const m = await api.uploadMaterial(meta, file);
      setState({ done: `"${m.title}" publicado${m.mimeType === 'application/pdf' ? ' (PDF)' : m.mimeType ? ' (imagem)' : ''}.` });
      setTitle(''); setSteps(''); setFile(undefined); setFormKey((k) => k + 1);
      await load();
    } catch (err) {
      setState({ error: err instanceof RemoteError ? err.message : 'Não foi possível enviar o material. Tente de novo.' });
    }
  };

  const remove = async (m: Material) => {
    if (!confirm(`Retirar "${m.title}"? Ele some do app dos agentes e do site público.`)) return;
    try {
      await api.deleteMaterial(m.id);
      setState({ done: `"${m.title}" retirado.` });
      await load();
    } catch (err) {
      setState({ error: err instanceof RemoteError ? err.message : 'Não foi possível retirar o material.' });
    }
  };

  return (
    <section class="materials-admin" aria-labelledby="mat-title">
      <h2 id="mat-title">Materiais das campanhas e tutoriais</h2>
      <p class="hint">Os agentes guardam no celular as peças do mês atual e os tutoriais, para usar e compartilhar sem internet. Tudo aparece também em <a href="/publico/materiais" target="_blank" rel="noopener">/publico/materiais</a>.</p>
      <div class="field">
        <label for="mat-month">Mês</label>
        <select id="mat-month" value={month} onChange={(e) => setMonth(e.currentTarget.value)}>
          {[-1, 0, 1, 2].map((d) => shiftPeriod(current, d)).map((p) => <option key={p} value={p}>{formatPeriod(p)}</option>)}
        </select>
      </div>
      {central && (
        <form key={formKey} class="material-form" onSubmit={submit}>
          <fieldset>
            <legend>Tipo</legend>
            <label class="check"><input type="radio" name="mat-kind" checked={kind === 'piece'} onChange={() => setKind('piece')} /> Peça da campanha</label>
            <label class="check"><input type="radio" name="mat-kind" checked={kind === 'tutorial'} onChange={() => setKind('tutorial')} /> Tutorial de oficina</label>
          </fieldset>
          <div class="field">
            <label for="mat-name">Título</label>
            <input id="mat-name" value={title} required minLength={MATERIAL_LIMITS.titleMin} maxLength={MATERIAL_LIMITS.titleMax} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          {kind === 'piece' ? (
            <div class="field">
              <label for="mat-campaign">Campanha de {formatPeriod(month)}</label>
              <select id="mat-campaign" value={campaign || campaigns[0]?.name} onChange={(e) => setCampaign(e.currentTarget.value)}>
                {campaigns.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
              </select>
            </div>
          ) : (
            <div class="field">
              <label for="mat-workshop">Oficina</label>
              <select id="mat-workshop" value={workshop} onChange={(e) => setWorkshop(e.currentTarget.value as typeof workshop)}>
                {WORKSHOPS.map((w) => <option key={w} value={w}>{WORKSHOP_LABEL[w]}</option>)}
              </select>
            </div>
          )}
          <div class="field">
            <label for="mat-file">Arquivo (JPEG, PNG, WebP ou PDF, até {formatMegabytes(MATERIAL_MAX_BYTES)})</label>
            <input id="mat-file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
          </div>
          {kind === 'tutorial' && !file && (
            <div class="field">
              <label for="mat-steps">Ou os passos, um por linha (texto simples)</label>
              <textarea id="mat-steps" rows={5} value={steps} maxLength={MATERIAL_LIMITS.stepsMax} onInput={(e) => setSteps(e.currentTarget.value)} />
            </div>
          )}
          <button type="submit" class="button" disabled={state.busy}>{state.busy ? 'Enviando…' : 'Publicar material'}</button>
        </form>
      )}
      {state.done && <p class="notice" role="status">{state.done}</p>}
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {!list ? <p class="loading">Carregando…</p> : !list.length ? <p>Nenhum material para {formatPeriod(month)}.</p> : (
        <ul class="material-list">
          {list.map((m) => (
            <li key={m.id} data-testid="material-row">
              <strong>{m.title}</strong> · {m.kind === 'piece' ? m.campaign : m.workshop && WORKSHOP_LABEL[m.workshop]}
              {' '}· {m.mimeType ? `${m.mimeType === 'application/pdf' ? 'PDF' : 'imagem'}, ${formatMegabytes(m.byteSize)}` : 'passos em texto'}
              {central && <button type="button" class="button secondary" onClick={() => remove(m)}>Retirar</button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
