// first-load module: the database upgrade (database.ts, version 2) needs it before the first screen.
// Versions up to 1 stored Portuguese sentences in lastError / statusMessage. These patterns
// recognise the sentences those versions wrote, so the upgrade can store their codes instead; they
// are never shown (the texts live in src/ui/messages.ts). Anything unrecognised is kept word for word.
import type { Note } from '../domain/note';
import type { ReportStatus } from '../domain/report';

const PATTERNS: [RegExp, (m: RegExpExecArray) => Note][] = [
  [/^Sem conexão com a regional\./, () => ({ code: 'offline' })],
  [/^A conexão ficou lenta demais/, () => ({ code: 'timeout' })],
  [/^A regional pediu para aguardar/, () => ({ code: 'rate_limited' })],
  [/^O servidor da regional falhou \(erro (\d+)\)/, (m) => ({ code: 'server_error', detail: { status: Number(m[1]) } })],
  [/^A regional recusou o envio \(erro (\d+)\)\.$/, (m) => ({ code: 'rejected', detail: { status: Number(m[1]) } })],
  [/^Uma foto deste relatório não está mais no aparelho/, () => ({ code: 'photo_missing' })],
  [/^Sessão expirada/, () => ({ code: 'session_expired' })],
  // review outcomes carried a formatted date: keep the sentence as it was shown
  [/^Devolvido pela regional/, (m) => ({ code: 'returned', detail: { text: m.input } })],
  [/^Aprovado pela regional/, (m) => ({ code: 'approved', detail: { text: m.input } })],
  [/^Consolidado pelo nível central\.$/, () => ({ code: 'consolidated' })],
];

/**
 * The code for a sentence an older version stored. A report marked "needs_fix" held the endpoint's
 * own refusal message: that becomes a `rejected` note keeping the message.
 */
export function noteFromLegacy(text: string, status?: ReportStatus): Note {
  for (const [re, toNote] of PATTERNS) {
    const m = re.exec(text);
    if (m) return toNote(m);
  }
  if (status === 'needs_fix') return { code: 'rejected', detail: { message: text } };
  return { code: 'legacy', detail: { text } };
}

/** A stored value that may still be an old sentence (or already a note). */
export function upgradeNote(value: unknown, status?: ReportStatus): Note | undefined {
  if (typeof value === 'string') return value ? noteFromLegacy(value, status) : undefined;
  if (value && typeof value === 'object' && 'code' in value) return value as Note;
  return undefined;
}
