import { HEALTH_REGIONS, MACRO_REGION_NAMES, MUNICIPALITY_ROWS, REGIONAL_NAMES } from './municipalities-data';
import { foldForSearch } from './text';

export type RegionalName = (typeof REGIONAL_NAMES)[number];

export interface Municipality {
  code: string;
  name: string;
  regional: RegionalName;
  healthRegion: string;
  macroRegion: string;
}

export const REGIONALS: readonly RegionalName[] = REGIONAL_NAMES;

interface Indexed extends Municipality {
  folded: string;
  compact: string;
}

let cache: { list: Indexed[]; byCode: Map<string, Indexed> } | undefined;

function load() {
  if (!cache) {
    let code = 3100000;
    const list = MUNICIPALITY_ROWS.split('\n').map((line): Indexed => {
      const [delta, name, health] = line.split(';');
      code += parseInt(delta, 36);
      const [healthRegion, macro, regional] = HEALTH_REGIONS[parseInt(health, 36)];
      const folded = foldForSearch(name);
      return {
        code: String(code),
        name,
        regional: REGIONAL_NAMES[regional],
        healthRegion,
        macroRegion: MACRO_REGION_NAMES[macro],
        folded,
        compact: folded.replace(/ /g, ''),
      };
    });
    cache = { list, byCode: new Map(list.map((m) => [m.code, m])) };
  }
  return cache;
}

function strip({ folded: _f, compact: _c, ...m }: Indexed): Municipality {
  return m;
}

export function allMunicipalities(): Municipality[] {
  return load().list.map(strip);
}

export function findMunicipality(code: string | number): Municipality | undefined {
  const m = load().byCode.get(String(code));
  return m && strip(m);
}

export function municipalitiesOfRegional(regional: string): Municipality[] {
  return load().list.filter((m) => m.regional === regional).map(strip);
}

export function isRegional(name: string): name is RegionalName {
  return (REGIONAL_NAMES as readonly string[]).includes(name);
}

/**
 * Accent- and case-insensitive search by name (or IBGE code prefix).
 * Ranking: whole-name prefix, then a word starting with the query, then anywhere.
 */
export function searchMunicipalities(query: string, limit = 20): Municipality[] {
  const q = foldForSearch(query);
  if (!q) return [];
  const qCompact = q.replace(/ /g, '');
  const scored: [number, Indexed][] = [];
  for (const m of load().list) {
    let score: number;
    if (/^\d+$/.test(qCompact)) score = m.code.startsWith(qCompact) ? 0 : -1;
    else if (m.folded.startsWith(q)) score = 0;
    else if (m.folded.includes(` ${q}`)) score = 1;
    else if (m.folded.includes(q) || m.compact.includes(qCompact)) score = 2;
    else score = -1;
    if (score >= 0) scored.push([score, m]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name, 'pt-BR'));
  return scored.slice(0, limit).map(([, m]) => strip(m));
}
