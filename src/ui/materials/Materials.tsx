// The agent's campaign pieces of the month and the workshop tutorials (#16): kept on the phone
// for use without signal, shared to WhatsApp through the system sheet (download as the fallback).
import { useEffect, useState } from 'preact/hooks';
import { getKeepMaterials, keepMaterialFile, listMaterials } from '../../db/materials';
import type { MaterialRecord } from '../../domain/material';
import { formatPeriod } from '../../domain/period';
import { useDb } from '../db-context';
import { formatMegabytes } from '../format';
import { useLiveQuery } from '../hooks/use-live-query';
import { useObjectUrl } from '../hooks/use-object-url';
import { useOnline } from '../hooks/use-online';
import { href } from '../hooks/use-route';
import { sessionHttp } from '../notifications/push-env';
import { refreshMaterials } from './refresh-materials';
import { shareMaterial } from './share-material';
import { WORKSHOP_LABEL } from './workshop-label';


export default function Materials() {
  const db = useDb();
  const online = useOnline();
  const data = useLiveQuery(() => listMaterials(db), [db]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (online) void refreshMaterials(db).then((ok) => setFailed(!ok));
  }, [db, online]);
  const list = data?.materials ?? [];
  const pieces = list.filter((m) => m.kind === 'piece');
  const tutorials = list.filter((m) => m.kind === 'tutorial');
  return (
    <div class="materials">
      <header class="top">
        <a class="back" href={href.list()}>‹ Relatórios</a>
        <h1>Materiais</h1>
      </header>
      {!online && <p class="hint" role="status">Sem internet: aparecem os materiais guardados neste celular.</p>}
      {online && failed && <p class="hint" role="status">Não foi possível atualizar a lista agora. Aparecem os materiais guardados.</p>}
      {data && !data.month && <p>{online ? 'Carregando…' : 'Nenhum material guardado ainda. Abra esta tela com internet.'}</p>}
      {data?.month && (
        <>
          <h2>Peças de {formatPeriod(data.month)}</h2>
          {pieces.length ? <ul class="cards">{pieces.map((m) => <Item key={m.id} m={m} online={online} />)}</ul> : <p>Nenhuma peça publicada para este mês.</p>}
          <h2>Tutoriais das oficinas</h2>
          {tutorials.length ? <ul class="cards">{tutorials.map((m) => <Item key={m.id} m={m} online={online} />)}</ul> : <p>Nenhum tutorial publicado.</p>}
        </>
      )}
    </div>
  );
}

function Item({ m, online }: { m: MaterialRecord; online: boolean }) {
  const db = useDb();
  const [note, setNote] = useState('');
  const url = useObjectUrl(m.blob, `${m.id}:${!!m.blob}`);
  const file = !!m.mimeType;
  const act = async (share: boolean) => {
    setNote('');
    let blob = m.blob;
    try {
      if (!blob) {
        const http = await sessionHttp(db);
        if (!http) throw new Error('signed out');
        blob = await (await http.request('GET', `/materials/${m.id}/file`)).blob();
        if (await getKeepMaterials(db)) await keepMaterialFile(db, m.id, blob);
      }
      if (share) await shareMaterial(navigator, m, blob);
      else await shareMaterial({}, m, blob);
    } catch {
      setNote('Não foi possível obter o arquivo agora. Tente de novo com internet.');
    }
  };
  return (
    <li class="card" data-testid="material">
      <h3>{m.title}</h3>
      <p class="hint">{m.campaign ?? (m.workshop && WORKSHOP_LABEL[m.workshop])}</p>
      {url && m.mimeType?.startsWith('image/') && <img src={url} alt="" width={320} />}
      {m.steps && <ol>{m.steps.split('\n').filter((l) => l.trim()).map((l, i) => <li key={i}>{l}</li>)}</ol>}
      {file && (
        <>
          <p class="hint">
            {m.mimeType === 'application/pdf' ? 'PDF' : 'Imagem'}, {formatMegabytes(m.byteSize)} ·{' '}
            {m.blob ? 'guardado no celular' : 'não disponível sem internet'}
          </p>
          <button type="button" class="button primary" disabled={!m.blob && !online} onClick={() => act(true)}>Compartilhar</button>{' '}
          <button type="button" class="button" disabled={!m.blob && !online} onClick={() => act(false)}>Baixar</button>
        </>
      )}
      {note && <p class="error" role="alert">{note}</p>}
    </li>
  );
}
