// "Importar relatório recebido" (#17 Plan B): the regional picks the .txt and the photos an agent
// sent through WhatsApp, all at once; the endpoint checks the signature, the photos and the scope
// and stores the report as if the phone had sent it. Nothing is checked here but what was picked.
import { useState } from 'preact/hooks';
import type { PackageImportResponse } from '../../domain/report-package-api';
import { formatPeriod } from '../../domain/period';
import { findMunicipality } from '../../domain/municipality';
import { href } from '../hooks/use-route';
import { IMPORT_TEXT } from './labels';
import type { ReviewApi } from './review-api';

const base64 = (f: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

const isManifest = (f: File) => /\.txt$/i.test(f.name) || f.type === 'text/plain';

export function ImportPackage({ api }: { api: Pick<ReviewApi, 'importPackage'> }) {
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: PackageImportResponse }>({});
  const manifests = files.filter(isManifest);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (manifests.length !== 1) return setState({ error: manifests.length ? IMPORT_TEXT.twoManifests : IMPORT_TEXT.noManifest });
    setState({ busy: true });
    try {
      const photos = await Promise.all(files.filter((f) => !isManifest(f)).map(async (f) => ({ name: f.name, data: await base64(f) })));
      setState({ done: await api.importPackage({ manifest: await manifests[0].text(), photos }) });
    } catch (err) {
      setState({ error: (err as Error).message || IMPORT_TEXT.failed });
    }
  };

  const done = state.done;
  return (
    <section aria-labelledby="import-title" class="import-package">
      <a class="back" href={href.review()}>‹ Relatórios recebidos</a>
      <h2 id="import-title">{IMPORT_TEXT.title}</h2>
      <p>{IMPORT_TEXT.hint}</p>
      <form onSubmit={submit}>
        <div class="field">
          <label for="package-files">{IMPORT_TEXT.pick}</label>
          <input id="package-files" type="file" multiple accept=".txt,text/plain,image/jpeg,image/png,image/webp"
            onChange={(e) => { setFiles([...(e.currentTarget.files ?? [])]); setState({}); }} />
        </div>
        {files.length > 0 && (
          <ul class="names" data-testid="package-files">
            {files.map((f) => <li key={f.name}>{f.name}</li>)}
          </ul>
        )}
        <button type="submit" class="button primary" disabled={state.busy || files.length === 0}>
          {state.busy ? IMPORT_TEXT.importing : IMPORT_TEXT.button}
        </button>
      </form>
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {done && (
        <div class="notice" role="status" data-testid="import-done">
          <p>{(done.created ? IMPORT_TEXT.imported : IMPORT_TEXT.alreadyImported)(done.protocol)}</p>
          <p>{findMunicipality(done.municipalityCode)?.name ?? done.municipalityCode} · {formatPeriod(done.period)} · revisão {done.revision}</p>
          <a class="button small" href={href.reviewReport(done.id)}>{IMPORT_TEXT.open}</a>
        </div>
      )}
    </section>
  );
}
