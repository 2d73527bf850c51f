// "Destaque do mês" for one action of a received report: central publishes it on /publico (public
// title and text written for the public, chosen photos, the image-use consent), a regional unit
// suggests it; central can take it down at once.
import { useState } from 'preact/hooks';
import { HIGHLIGHT_LIMITS, IMAGE_CONSENT_TEXT, type Highlight } from '../../domain/highlight';
import type { Role } from '../../domain/api';
import { RemoteError, type ReviewApi } from './review-api';

interface ActionRef {
  id: string;
  number: number;
  photos: { sha256: string; number: number }[];
}

export function HighlightForm(props: { api: ReviewApi; reportId: string; action: ActionRef; role: Role; existing?: Highlight; onSaved(h: Highlight): void }) {
  const { api, action, existing } = props;
  const central = props.role === 'central';
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [text, setText] = useState(existing?.text ?? '');
  const [photos, setPhotos] = useState<string[]>(existing?.photos ?? []);
  const [consent, setConsent] = useState(existing?.imageConsent ?? false);
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const id = `hl-${action.number}`;
  const published = existing?.status === 'published';

  const save = async (e: Event) => {
    e.preventDefault();
    if (photos.length && !consent) {
      setState({ error: 'Para publicar fotos, marque que as pessoas nas fotos autorizaram o uso de imagem (ou desmarque as fotos).' });
      return;
    }
    setState({ busy: true });
    try {
      const h = await api.saveHighlight({ reportId: props.reportId, actionId: action.id, title, text, photos, imageConsent: consent });
      props.onSaved(h);
      setOpen(false);
      setState({ done: h.status === 'published' ? 'Destaque publicado no site público.' : 'Sugestão enviada à coordenação estadual.' });
    } catch (err) {
      setState({ error: err instanceof RemoteError ? err.message : 'Não foi possível salvar o destaque. Tente de novo.' });
    }
  };
  const unpublish = async () => {
    if (!existing) return;
    setState({ busy: true });
    try {
      props.onSaved(await api.unpublishHighlight(existing.id));
      setState({ done: 'Destaque retirado do site público.' });
    } catch (err) {
      setState({ error: err instanceof RemoteError ? err.message : 'Não foi possível retirar o destaque. Tente de novo.' });
    }
  };

  return (
    <div class="highlight">
      {existing && (
        <p class="hint">
          {published ? 'Publicado como destaque do mês' : existing.status === 'suggested' ? 'Sugerido como destaque' : 'Destaque retirado do site'}: “{existing.title}”
        </p>
      )}
      {state.done && <p class="notice" role="status">{state.done} {state.done.startsWith('Destaque publicado') && <a href="/publico/destaques" target="_blank" rel="noopener">Ver no site</a>}</p>}
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {!open ? (
        <div class="actions-row">
          <button type="button" class="button secondary" onClick={() => { setOpen(true); setState({}); }}>
            {existing ? 'Editar destaque' : central ? 'Publicar como destaque do mês' : 'Sugerir como destaque do mês'}
          </button>
          {central && published && (
            <button type="button" class="button danger" onClick={unpublish} disabled={state.busy}>Retirar do site público</button>
          )}
        </div>
      ) : (
        <form class="highlight-form" onSubmit={save} aria-labelledby={`${id}-t`}>
          <h4 id={`${id}-t`}>{central ? 'Publicar' : 'Sugerir'} a ação {action.number} como destaque</h4>
          <p class="hint">O texto do relatório não é publicado: escreva um título e um texto para o público, sem nomes, telefones ou e-mails.</p>
          <div class="field">
            <label for={`${id}-title`}>Título público</label>
            <input id={`${id}-title`} value={title} maxLength={HIGHLIGHT_LIMITS.titleMax} required minLength={HIGHLIGHT_LIMITS.titleMin}
              onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${id}-text`}>Texto público</label>
            <textarea id={`${id}-text`} value={text} rows={4} maxLength={HIGHLIGHT_LIMITS.textMax} required minLength={HIGHLIGHT_LIMITS.textMin}
              onInput={(e) => setText(e.currentTarget.value)} />
          </div>
          {action.photos.length > 0 && (
            <fieldset>
              <legend>Fotos a publicar</legend>
              {action.photos.map((p) => (
                <label key={p.sha256} class="check">
                  <input type="checkbox" checked={photos.includes(p.sha256)}
                    onChange={(e) => { const on = e.currentTarget.checked; setPhotos((l) => (on ? [...l, p.sha256] : l.filter((x) => x !== p.sha256))); }} />
                  Foto {action.number}.{p.number}
                </label>
              ))}
              <label class="check consent">
                <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
                {IMAGE_CONSENT_TEXT}
              </label>
            </fieldset>
          )}
          <div class="actions-row">
            <button type="submit" class="button" disabled={state.busy}>{state.busy ? 'Salvando…' : central ? 'Publicar' : 'Enviar sugestão'}</button>
            <button type="button" class="button secondary" onClick={() => setOpen(false)} disabled={state.busy}>Cancelar</button>
          </div>
        </form>
      )}
    </div>
  );
}
