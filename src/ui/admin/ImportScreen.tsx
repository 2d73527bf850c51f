import { useState } from 'preact/hooks';
import { accessLink } from '../../domain/access';
import { IMPORT_MAX_ROWS, IMPORT_TEMPLATE, type ImportPreview, type ImportResult } from '../../domain/accounts-api';
import { csvDocument } from '../../domain/csv';
import { findMunicipality } from '../../domain/municipality';
import { saveBlob } from '../download';
import { formatDateTime as formatWhen } from '../format';
import type { RemoteError } from '../review/review-api';
import type { AdminApi } from './admin-api';
import { appUrl } from './AccessShare';

const download = (name: string, text: string) => saveBlob(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));

/** The result file: names and their single-use links (no passwords anywhere). */
export function resultCsv(result: ImportResult, base: string): string {
  return csvDocument(
    ['Nome', 'Usuário', 'Município', 'Link de acesso (uso único)', 'Válido até'],
    result.created.map((c) => [c.name, c.login, findMunicipality(c.municipalityCode)?.name ?? c.municipalityCode,
      accessLink(base, c.accessCode.code), formatWhen(c.accessCode.expiresAt)]),
  );
}

/** Bulk import of agents: template, preview with each row's problems, confirm, result with links. */
export function ImportScreen({ api, regional }: { api: AdminApi; regional?: string }) {
  const [csv, setCsv] = useState<string | undefined>();
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [result, setResult] = useState<ImportResult | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    setPreview(undefined);
    setResult(undefined);
    setError('');
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      setCsv(text);
      setFileName(file.name);
      setPreview(await api.importPreview(text));
    } catch (e) {
      setError((e as RemoteError).message ?? 'Não foi possível ler o arquivo.');
    } finally {
      setBusy(false);
    }
  };
  const confirmImport = async () => {
    if (!csv) return;
    setBusy(true);
    setError('');
    try {
      setResult(await api.importConfirm(csv));
    } catch (e) {
      setError((e as RemoteError).message);
    } finally {
      setBusy(false);
    }
  };
  const problems = preview ? preview.total - preview.ready : 0;

  return (
    <section aria-labelledby="import-title" class="import">
      <h2 id="import-title">Importar agentes de uma planilha</h2>
      <p>
        Uma linha por agente, com as colunas <strong>municipio</strong> (nome ou código IBGE), <strong>nome</strong>, <strong>telefone</strong> e{' '}
        <strong>email</strong>. Salve como CSV UTF-8, separado por ponto e vírgula ou vírgula; até {IMPORT_MAX_ROWS.toLocaleString('pt-BR')} linhas.
        {regional ? ` Só municípios da unidade regional ${regional}.` : ''} Nada é criado antes de você confirmar.
      </p>
      <button type="button" class="button secondary" onClick={() => download('modelo-agentes.csv', `\uFEFF${IMPORT_TEMPLATE}`)}>
        Baixar modelo (CSV)
      </button>
      <div class="field">
        <label for="import-file">Arquivo CSV</label>
        <input id="import-file" type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
      </div>
      {busy && <p class="loading" aria-busy="true">{preview ? 'Criando contas…' : 'Conferindo o arquivo…'}</p>}
      {error && <p class="error" role="alert">{error}</p>}

      {preview && !result && (
        <>
          <p class="summary" role="status">
            {fileName}: {preview.total} {preview.total === 1 ? 'linha' : 'linhas'} · {preview.ready} prontas para criar · {problems} com problemas
            {problems > 0 ? ' (serão ignoradas; corrija a planilha e importe de novo)' : ''}
          </p>
          <div class="table-scroll">
            <table class="data-table import-table">
              <thead><tr><th>Linha</th><th>Município</th><th>Nome</th><th>Telefone</th><th>E-mail</th><th>Situação</th></tr></thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} class={r.problems.length ? 'row-problem' : ''}>
                    <td class="num">{r.line}</td>
                    <td>{r.municipalityName ?? r.municipality}</td>
                    <td>{r.name}</td>
                    <td>{r.phone}</td>
                    <td>{r.email}</td>
                    <td>{r.problems.length ? <ul class="problems">{r.problems.map((p) => <li key={p.code}>{p.message}</li>)}</ul> : 'Pronta'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" class="button primary block" disabled={busy || preview.ready === 0} onClick={confirmImport}>
            {preview.ready === 0 ? 'Nenhuma linha pronta para criar' : `Confirmar e criar ${preview.ready} ${preview.ready === 1 ? 'conta' : 'contas'}`}
          </button>
        </>
      )}

      {result && (
        <div role="status">
          <p class="notice">
            {result.created.length === 0
              ? 'Nenhuma conta nova: todas as linhas já tinham conta ou tinham problemas.'
              : `${result.created.length} ${result.created.length === 1 ? 'conta criada' : 'contas criadas'}. Baixe o arquivo com os links de acesso e envie cada link à sua pessoa — ele não será mostrado de novo.`}
          </p>
          {result.created.length > 0 && (
            <>
              <button type="button" class="button primary" onClick={() => download(`acessos-${new Date().toISOString().slice(0, 10)}.csv`, resultCsv(result, appUrl()))}>
                Baixar links de acesso (CSV)
              </button>
              <ul class="names">{result.created.map((c) => <li key={c.id}>{c.name} ({c.login})</li>)}</ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
