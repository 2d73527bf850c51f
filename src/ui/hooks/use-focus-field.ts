import { useEffect } from 'preact/hooks';

/** Focuses (and scrolls to) the field a ready-to-send problem pointed at (`?campo=…`). */
export function useFocusField(field: string | undefined, ready: boolean): void {
  useEffect(() => {
    if (!field || !ready) return;
    const el = document.getElementById(`f-${field}`) ?? document.getElementById(`f-${field.split('.')[0]}`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    (el.matches('fieldset') ? (el.querySelector('input, select, textarea') as HTMLElement | null) ?? el : el).focus();
  }, [field, ready]);
}
