// Near-duplicate partners (#16): names that are probably the same organisation written another
// way ("E.E. João XXIII" / "Escola Estadual João XXIII"). Only suggested; a person merges.
import { partnerNameKey } from '../../src/domain/partner.ts';

/** Abbreviations of the names agents type, by folded token. */
const WORDS: Record<string, string[]> = {
  ee: ['escola', 'estadual'], em: ['escola', 'municipal'], esc: ['escola'], est: ['estadual'], mun: ['municipal'],
  col: ['colegio'], ass: ['associacao'], assoc: ['associacao'], sec: ['secretaria'], secr: ['secretaria'],
  pref: ['prefeitura'], inst: ['instituto'], fund: ['fundacao'], ubs: ['unidade', 'basica', 'saude'],
  psf: ['programa', 'saude', 'familia'], sr: ['senhor'], sra: ['senhora'], sta: ['santa'], sto: ['santo'],
};
const STOP = new Set(['de', 'da', 'do', 'das', 'dos', 'e', 'a', 'o']);

/** The name as comparable words: folded, abbreviations spelled out ("e e" at the start too), no stop words. */
export function canonicalWords(name: string): string[] {
  const tokens = partnerNameKey(name).split(' ').filter(Boolean);
  // "E.E." / "E. M." fold to two one-letter tokens
  if (tokens.length > 1 && tokens[0] === 'e' && (tokens[1] === 'e' || tokens[1] === 'm')) tokens.splice(0, 2, `e${tokens[1]}`);
  return tokens.flatMap((t) => WORDS[t] ?? [t]).filter((t) => !STOP.has(t));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Same words once spelled out, or a typo or two apart, or (nearly) the same set of words. */
export function isNearDuplicate(a: string, b: string): boolean {
  const wa = canonicalWords(a);
  const wb = canonicalWords(b);
  if (!wa.length || !wb.length) return false;
  const ja = wa.join(' ');
  const jb = wb.join(' ');
  if (ja === jb) return true;
  if (Math.min(ja.length, jb.length) >= 8 && editDistance(ja, jb) <= Math.max(1, Math.floor(Math.min(ja.length, jb.length) / 10))) return true;
  const sa = new Set(wa);
  const sb = new Set(wb);
  const common = [...sa].filter((w) => sb.has(w)).length;
  return common / (sa.size + sb.size - common) >= 0.8;
}

/** Pairs of near-duplicates within each group (one municipality), first id sorted before the second. */
export function nearDuplicatePairs<T extends { id: string; name: string; group: string }>(items: readonly T[]): [T, T][] {
  const byGroup = new Map<string, T[]>();
  for (const it of items) byGroup.set(it.group, [...(byGroup.get(it.group) ?? []), it]);
  const pairs: [T, T][] = [];
  for (const list of byGroup.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) if (isNearDuplicate(list[i].name, list[j].name)) pairs.push([list[i], list[j]]);
    }
  }
  return pairs;
}
