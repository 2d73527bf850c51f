import { useState } from 'preact/hooks';
import { accessLink } from '../../domain/access';
import type { AccessCode } from '../../domain/accounts-api';
import { formatDateTime as formatWhen } from '../format';
import { QrCode } from './QrCode';

/** The app's own address (the link opens the installed app or the site on the phone). */
export function appUrl(): string {
  return `${location.origin}${location.pathname}`;
}

/**
 * A new access code: the link `…/#/entrar?codigo=…`, its QR code, and "Compartilhar" (Web Share;
 * copy where the browser cannot share). Shown once: the server keeps only a hash of the code.
 */
export function AccessShare({ code, name, login }: { code: AccessCode; name: string; login: string }) {
  const link = accessLink(appUrl(), code.code);
  const [note, setNote] = useState('');
  const text = `Olá, ${name}! Este é o seu acesso ao Mobiliza (usuário ${login}). Abra o link no seu celular e escolha uma senha. O link vale uma vez, até ${formatWhen(code.expiresAt)}:`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${text} ${link}`);
      setNote('Link copiado. Cole no WhatsApp, SMS ou e-mail da pessoa.');
    } catch {
      setNote('Não foi possível copiar automaticamente: selecione o link acima e copie.');
    }
  };
  const share = async () => {
    if (!navigator.share) return copy();
    try {
      await navigator.share({ title: 'Acesso ao Mobiliza', text, url: link });
      setNote('');
    } catch (error) {
      if ((error as Error)?.name !== 'AbortError') await copy();
    }
  };
  return (
    <section class="access-share" aria-labelledby="access-title">
      <h3 id="access-title">Novo acesso de {name}</h3>
      <p>
        Envie este link à pessoa ou mostre o código QR para ela escanear com a câmera do celular. Ao abrir, ela escolhe a própria senha —
        ninguém mais a conhece. O link funciona <strong>uma única vez</strong> e vale até <strong>{formatWhen(code.expiresAt)}</strong>.
        Ele não será mostrado de novo: se perder, gere um novo acesso.
      </p>
      <div class="access-body">
        <QrCode text={link} label={`Código QR do acesso de ${name}`} />
        <div>
          <label for="access-link" class="hint">Link de acesso</label>
          <input id="access-link" class="access-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <div class="actions-row">
            <button type="button" class="button primary" onClick={share}>Compartilhar</button>
            <button type="button" class="button secondary" onClick={copy}>Copiar link</button>
          </div>
          {note && <p class="hint" role="status">{note}</p>}
        </div>
      </div>
    </section>
  );
}
