import { useEffect, useState } from 'preact/hooks';
import { clearSettledPhotos, settledPhotoUsage } from '../../db/reports';
import { getSession, signOut, UnsentReportsError } from '../../db/session';
import { getKeepPhotoLocation, getSetting, setKeepPhotoLocation } from '../../db/settings';
import { ownerIdOf, type ProfileSetting } from '../../domain/outbox';
import { apiBaseUrl } from '../../sync/config';
import { revokeSession } from '../../sync/sign-in';
import { useLiveQuery } from '../hooks/use-live-query';
import { useOnline } from '../hooks/use-online';
import { InstallButton } from '../components/InstallButton';
import { AccountSecurity } from './AccountSecurity';
import { useDb } from '../db-context';
import { href, navigate } from '../hooks/use-route';
import { formatMegabytes, plural } from '../format';
import { requestPersistence } from '../storage';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { pushEnv } from '../notifications/push-env';
import { disablePush } from '../../sync/push-subscription';
import { getKeepMaterials, materialsUsage, setKeepMaterials } from '../../db/materials';
import { MATERIALS_OFFLINE } from '../../domain/material';

interface StorageInfo {
  persisted?: boolean;
  usage?: number;
  quota?: number;
}

export default function Settings({ profile }: { profile: ProfileSetting }) {
  const db = useDb();
  const [info, setInfo] = useState<StorageInfo | undefined>();
  const [asked, setAsked] = useState<boolean | undefined>();
  const [accountMessage, setAccountMessage] = useState('');
  const [cleanMessage, setCleanMessage] = useState('');
  const [photoMessage, setPhotoMessage] = useState('');
  const owner = ownerIdOf(profile);
  const session = useLiveQuery(async () => (await getSession(db)) ?? null, [db]);
  const online = useOnline();
  const settled = useLiveQuery(() => settledPhotoUsage(db, owner), [db, owner]);
  const keepLocation = useLiveQuery(() => getKeepPhotoLocation(db), [db]);
  const keepMaterials = useLiveQuery(() => getKeepMaterials(db), [db]);
  const materials = useLiveQuery(() => materialsUsage(db), [db]);

  const leave = async () => {
    setAccountMessage('');
    try {
      const old = await signOut(db);
      if (old) void revokeSession({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl() }, old.token);
      // The endpoint drops this device's subscription with the session; the browser forgets it too.
      void pushEnv().then((env) => env && disablePush(db, undefined, env));
      navigate(href.list());
    } catch (e) {
      setAccountMessage(
        e instanceof UnsentReportsError
          ? `Não é possível sair agora: ${plural(e.count, 'relatório ainda não foi enviado', 'relatórios ainda não foram enviados')}. Saindo, eles ficariam parados até você entrar de novo. Conecte-se à internet e aguarde o envio (ou toque em "Tentar agora" na lista).`
          : 'Não foi possível sair. Tente de novo.',
      );
    }
  };

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

      <section class="section" aria-labelledby="account-title">
        <h2 id="account-title">Conta</h2>
        {session ? (
          <>
            <p data-testid="account">
              {online ? 'Conectado como ' : 'Conta neste aparelho: '}
              <strong>{session.user.name}</strong> ({session.user.login}).
              {!online && ' Sem conexão agora: os envios seguem quando houver internet.'}
              {session.expired && ' A sessão expirou: entre de novo para enviar.'}
            </p>
            {session.expired && <a class="button" href={href.signIn()}>Entrar de novo</a>}
            <button type="button" class="button danger" onClick={leave}>Sair</button>
          </>
        ) : (
          <>
            <p>Você ainda não entrou. Os relatórios ficam no celular e são enviados depois que você entrar.</p>
            <a class="button" href={href.signIn()}>Entrar</a>
          </>
        )}
        {accountMessage && <p class="error" role="alert">{accountMessage}</p>}
      </section>

      <NotificationSettings session={session ?? null} />
      {session && !session.expired && <AccountSecurity session={session} />}

      <section class="section" aria-labelledby="photos-title">
        <h2 id="photos-title">Fotos</h2>
        <label class="choice">
          <input
            type="checkbox"
            checked={keepLocation ?? true}
            disabled={keepLocation === undefined}
            onChange={(e) =>
              void setKeepPhotoLocation(db, e.currentTarget.checked).catch(() =>
                setPhotoMessage('Não foi possível salvar a opção de localização neste aparelho. Tente de novo.'),
              )
            }
          />
          <span>Guardar a localização (GPS) das fotos</span>
        </label>
        <p class="hint">
          Com a opção ligada, o relatório mostra à regional onde cada foto foi tirada (link para o mapa). Desligada, a localização
          é descartada no celular e nunca é enviada. Vale para as próximas fotos.
        </p>
        {photoMessage && <p class="error" role="alert">{photoMessage}</p>}
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

      <section class="section" aria-labelledby="materials-title">
        <h2 id="materials-title">Materiais sem internet</h2>
        <label class="choice">
          <input
            type="checkbox"
            checked={keepMaterials ?? true}
            disabled={keepMaterials === undefined}
            onChange={(e) => void setKeepMaterials(db, e.currentTarget.checked).then(refresh, () => setPhotoMessage('Não foi possível salvar a opção. Tente de novo.'))}
          />
          <span>Guardar as peças do mês e os tutoriais neste celular</span>
        </label>
        <p class="hint" data-testid="materials-usage">
          {plural(materials?.files ?? 0, 'arquivo guardado', 'arquivos guardados')}, {formatMegabytes(materials?.bytes ?? 0)} (até{' '}
          {formatMegabytes(MATERIALS_OFFLINE.budgetBytes)}, e só com {formatMegabytes(MATERIALS_OFFLINE.reserveBytes)} livres). Desligar apaga os
          arquivos e libera o espaço; com internet, eles continuam na tela Materiais.
        </p>
      </section>

      <section class="section" aria-labelledby="clean-title">
        <h2 id="clean-title">Liberar espaço</h2>
        <p>
          As fotos ficam no celular depois do envio. As dos relatórios já aprovados podem ser apagadas daqui — a regional guarda
          uma cópia. Relatórios não enviados nunca são apagados.
        </p>
        <button
          type="button"
          class="button"
          disabled={!settled?.photos}
          onClick={async () => {
            try {
              const n = await clearSettledPhotos(db, owner);
              setCleanMessage(`${plural(n, 'foto apagada', 'fotos apagadas')}.`);
              await refresh();
            } catch (error) {
              console.error(error);
              setCleanMessage('Não foi possível apagar as fotos agora. Nada foi perdido; tente de novo.');
            }
          }}
        >
          Apagar fotos de relatórios aprovados ({plural(settled?.photos ?? 0, 'foto')}, {formatMegabytes(settled?.bytes ?? 0)})
        </button>
        {cleanMessage && <p role="status">{cleanMessage}</p>}
      </section>

      <section class="section" aria-labelledby="app-title">
        <h2 id="app-title">Aplicativo</h2>
        <p>Versão {import.meta.env.VITE_APP_VERSION ?? '0.1.0'}. Funciona sem internet depois do primeiro acesso.</p>
        <InstallButton />
      </section>
    </div>
  );
}
