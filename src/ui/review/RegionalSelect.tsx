import { REGIONALS } from '../../domain/municipality';

/** Central's filter: one regional unit or the whole state (""). */
export function RegionalSelect({ id, value, onChange }: { id: string; value?: string; onChange(regional: string | undefined): void }) {
  return (
    <div class="field">
      <label for={id}>Unidade regional</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">Todas (Minas Gerais)</option>
        {REGIONALS.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
    </div>
  );
}
