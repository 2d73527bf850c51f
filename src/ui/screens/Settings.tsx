import { useEffect, useState } from 'preact/hooks';
import { getSetting } from '../../db/settings';
import type { ProfileSetting } from '../../domain/outbox';
import { InstallButton } from '../components/InstallButton';
import { useDb } from '../db-context';
import { href } from '../hooks/use-route';
import { formatMegabytes, requestPersistence } from '../storage';

interface StorageInfo {
  persisted?: boolean;
  usage?: number;
  quota?: number;
}

export default function Settings({ profile }: { profile: ProfileSetting }) {
  const db = useDb();
  const [info, setInfo] = useState<StorageInfo | undefined>();
  const [asked, setAsked] = useState<boolean | undefined>();

  const refresh = async () => {
    const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
    const persisted = await navigator.storage?.persisted?.().catch(() => undefined);
    setInfo({ persisted, usage: estimate?.usage, quota: estimate?.quota });
    setAsked(await getSetting<boolean>(db, 'storagePersisted'));
  };
  useEffect(() => {
    void refresh();
  }, []);

  return (
    <div class="settings">
      <header class="top">
        <a class="back" href={href.list()}>‹ Relatórios</a>
        <h1>Configurações</h1>
      </header>

      <section class="section" aria-labelledby="profile-title">
        <h2 id="profile-title">Perfil</h2>
        <p>
          {profile.name} — {profile.role}
          <br />
          {profile.municipalityName} · Regional {profile.regional}
        </p>
        <a class="button" href={href.profile()}>Editar perfil</a>
      </section>

      <section class="section" aria-labelledby="storage-title">
        <h2 id="storage-title">Armazenamento neste celular</h2>
        {!info && <p class="loading">Consultando…</p>}
        {info && (
          <dl class="facts">
            <dt>Espaço usado pelo Mobiliza</dt>
            <dd data-testid="storage-usage">{formatMegabytes(info.usage)}</dd>
            <dt>Espaço disponível para o app</dt>
            <dd>{formatMegabytes(info.quota)}</dd>
            <dt>Armazenamento permanente</dt>
            <dd data-testid="storage-persisted">
              {info.persisted
                ? 'Concedido: o navegador não apagará os dados sozinho.'
                : asked === false
                  ? 'Negado pelo navegador. Instale o app na tela inicial para proteger os dados.'
                  : 'Ainda não concedido.'}
            </dd>
          </dl>
        )}
        {info && !info.persisted && (
          <button type="button" class="button" onClick={async () => { await requestPersistence(db); await refresh(); }}>
            Pedir armazenamento permanente
          </button>
        )}
      </section>

      <section class="section" aria-labelledby="app-title">
        <h2 id="app-title">Aplicativo</h2>
        <p>Versão {import.meta.env.VITE_APP_VERSION ?? '0.1.0'}. Funciona sem internet depois do primeiro acesso.</p>
        <InstallButton />
      </section>
    </div>
  );
}
