import { describe, expect, it } from 'vitest';
import { formatPeriod, formatPeriodTitle } from '../../src/domain/period';
import { isFeaturedTheme, THEMES, themesForMonth } from '../../src/domain/vocabulary';

describe('themes for a month', () => {
  it('puts the month\'s campaigns first, then the common themes', () => {
    const october = themesForMonth(10).map((t) => t.value);
    expect(october[0]).toBe('cancer_mama');
    expect(october.indexOf('arboviroses')).toBeLessThan(october.indexOf('autismo'));
    expect(new Set(october).size).toBe(THEMES.length);
  });

  it('features campaigns of the month, common themes and chosen ones; the rest waits behind "Mostrar todos"', () => {
    expect(isFeaturedTheme('cancer_mama', 10, [])).toBe(true);
    expect(isFeaturedTheme('vacinacao', 10, [])).toBe(true);
    expect(isFeaturedTheme('autismo', 10, [])).toBe(false);
    expect(isFeaturedTheme('autismo', 10, ['autismo'])).toBe(true);
    expect(isFeaturedTheme('autismo', 4, [])).toBe(true);
  });
});

describe('period titles', () => {
  it('capitalises only the month', () => {
    expect(formatPeriod('2026-11')).toBe('novembro de 2026');
    expect(formatPeriodTitle('2026-11')).toBe('Novembro de 2026');
  });
});
