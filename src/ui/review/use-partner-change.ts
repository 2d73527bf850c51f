import { useState } from 'preact/hooks';
import { RemoteError } from './review-api';

/** One confirm/reject/merge at a time: busy id, and the last outcome as a pt-BR sentence. */
export function usePartnerChange() {
  const [busy, setBusy] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const run = async (id: string, change: () => Promise<string>, after?: () => void) => {
    setBusy(id);
    setNote(undefined);
    try {
      setNote({ ok: true, text: await change() });
      after?.();
    } catch (e) {
      setNote({ ok: false, text: e instanceof RemoteError ? e.message : 'Não foi possível concluir. Tente de novo.' });
    } finally {
      setBusy('');
    }
  };
  return { busy, note, run };
}
