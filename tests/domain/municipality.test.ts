import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  allMunicipalities, findMunicipality, municipalitiesOfRegional, REGIONALS, searchMunicipalities,
} from '../../src/domain/municipality';
import { foldForSearch } from '../../src/domain/text';

describe('municipalities', () => {
  it('holds the 853 municipalities and 28 regional units of the source CSV, row for row', () => {
    const csv = readFileSync(new URL('../../../shared/data/municipios-mg.csv', import.meta.url), 'utf8')
      .trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const all = allMunicipalities();
    expect(all).toHaveLength(853);
    expect(REGIONALS).toHaveLength(28);
    for (const [code, name, regional, health, macro] of csv) {
      expect(findMunicipality(code)).toEqual({ code, name, regional, healthRegion: health, macroRegion: macro });
    }
  });

  it('groups municipalities by regional unit', () => {
    expect(municipalitiesOfRegional('Pirapora')).toHaveLength(7);
    expect(municipalitiesOfRegional('Belo Horizonte').map((m) => m.name)).toContain('Belo Horizonte');
    expect(REGIONALS.reduce((n, r) => n + municipalitiesOfRegional(r).length, 0)).toBe(853);
  });

  it('finds names ignoring accents, case and punctuation', () => {
    expect(searchMunicipalities('sao joao').map((m) => m.name)).toContain('São João del Rei');
    expect(searchMunicipalities('olhos dagua')[0].name).toBe("Olhos-d'Água");
    expect(searchMunicipalities("OLHOS-D'AGUA")[0].name).toBe("Olhos-d'Água");
    expect(searchMunicipalities('belo horizonte')[0].code).toBe('3106200');
    expect(searchMunicipalities('UBERLÂNDIA')[0].name).toBe('Uberlândia');
  });

  it('ranks a name prefix before a match inside the name, and searches codes', () => {
    const names = searchMunicipalities('para', 50).map((m) => m.name);
    expect(names[0].startsWith('Pará')).toBe(true);
    expect(names).toContain('Além Paraíba');
    expect(names.indexOf('Além Paraíba')).toBeGreaterThan(names.findIndex((n) => n.startsWith('Pará')));
    expect(searchMunicipalities('3106200').map((m) => m.name)).toEqual(['Belo Horizonte']);
  });

  it('returns nothing for an empty or unknown query, and honours the limit', () => {
    expect(searchMunicipalities('   ')).toEqual([]);
    expect(searchMunicipalities('xyzzy')).toEqual([]);
    expect(searchMunicipalities('a', 5)).toHaveLength(5);
  });

  it('folds text for search', () => {
    expect(foldForSearch("Olhos-d'Água")).toBe('olhos dagua');
    expect(foldForSearch('  São  JOÃO del-Rei ')).toBe('sao joao del rei');
  });
});
