import { formatDate } from '../../domain/period';
import { audienceLabel, sectorLabel, themeLabel, typeLabel, zoneLabel } from '../../domain/vocabulary';
import { formatNumber } from '../format';
import type { ActionView } from './report-view';

const other = (label: string, more?: string) => (more ? `${label}: ${more}` : label);

/** Every field of an action, as text (never HTML: agents typed it). */
export function ActionFacts({ action: a }: { action: ActionView }) {
  const rows: [string, string][] = [
    ['Data', a.date ? formatDate(a.date) : '—'],
    ['Tipo de ação', a.type ? (a.type === 'outro' ? other(typeLabel(a.type), a.typeOther) : typeLabel(a.type)) : '—'],
    ['Temas', a.themes.map((t) => (t === 'outro' ? other(themeLabel(t), a.themeOther) : themeLabel(t))).join('; ') || '—'],
    ['Local', [a.place.description, a.place.zone && `zona ${zoneLabel(a.place.zone).toLowerCase()}`].filter(Boolean).join(' — ') || '—'],
    ['Público', a.audience.map((p) => (p === 'outro' ? other(audienceLabel(p), a.audienceOther) : audienceLabel(p))).join('; ') || '—'],
    ['Participantes', a.participants === null ? '—' : formatNumber(a.participants)],
    ['Parceiros', a.partners.map((p) => `${p.name}${p.sector ? ` (${sectorLabel(p.sector)})` : ''}`).join('; ') || 'Nenhum'],
    ['Descrição', a.description || '—'],
  ];
  return (
    <dl class="facts action-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
