import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendarFrom, CAMPAIGNS } from '../../src/domain/campaigns';
import { THEMES } from '../../src/domain/vocabulary';

const shared = JSON.parse(readFileSync(new URL('../../../shared/data/campaigns.json', import.meta.url), 'utf8')) as {
  month: number; name: string; color: string | null; theme: string;
}[];

describe('campaign calendar', () => {
  it('holds the shared calendar: same campaigns, months and colours', () => {
    expect(CAMPAIGNS.map((c) => [c.month, c.name, c.color])).toEqual(shared.map((c) => [c.month, c.name, c.color]));
  });

  it('links every campaign to an action theme of that month', () => {
    for (const c of CAMPAIGNS) {
      const theme = THEMES.find((t) => t.value === c.theme);
      expect(theme, c.name).toBeDefined();
      expect(theme!.month, c.name).toBe(c.month);
    }
  });

  it('starts the calendar at the current month and wraps round the year', () => {
    const cal = calendarFrom(11);
    expect(cal.map((m) => m.month)).toEqual([11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cal[0].campaigns.map((c) => c.name)).toEqual(['Novembro Azul']);
  });
});
