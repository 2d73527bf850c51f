/** The outcome of a partner change: a status line, or an alert when it failed. */
export function PartnerNote({ note }: { note?: { ok: boolean; text: string } }) {
  if (!note) return null;
  return <p class={note.ok ? 'notice' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>;
}
