// The Painel's rollup (migration 013) at the whole state's size, written directly: 853 municipalities
// × N months in `panel_town_month` (one status per town-month, as after a bench run) and every
// regional unit × counted status × type and theme in `panel_key_month` (~3,500 rows a month; the
// bench's 36 months held ~108,000). Seconds instead of the hour `npm run bench:scale` takes, for
// tests and probes that only read the rollup.
import { REGIONALS, allMunicipalities } from '../../src/domain/municipality.ts';
import { ACTION_TYPES, THEMES } from '../../src/domain/vocabulary.ts';
import type { Queryable } from '../../server/store/driver.ts';

/** Fills both rollup tables for `months` months ending with `last` ("YYYY-MM"); returns the rows written. */
export async function fillFullStateRollup(q: Queryable, { last, months }: { last: string; months: number }): Promise<{ towns: number; keys: number }> {
  const codes = allMunicipalities().map((m) => m.code);
  const keys = [...ACTION_TYPES.map((o) => ['type', o.value]), ...THEMES.map((o) => ['theme', o.value])];
  const first = `date '${last}-01' - interval '${months - 1} months'`;
  const towns = await q.query(
    `INSERT INTO panel_town_month (period, municipality_code, status, reports, actions, participants)
     SELECT to_char(${first} + (p || ' months')::interval, 'YYYY-MM'), c,
       (ARRAY['received', 'approved', 'consolidated', 'returned'])[1 + (p + i) % 4], 1,
       CASE WHEN (p + i) % 4 = 3 THEN 0 ELSE 7 + (p + i) % 5 END, CASE WHEN (p + i) % 4 = 3 THEN 0 ELSE 700 + (p * 7 + i * 13) % 900 END
     FROM generate_series(0, ${months - 1}) p, unnest($1::text[]) WITH ORDINALITY AS m(c, i)`,
    [codes],
  );
  const keyRows = await q.query(
    `INSERT INTO panel_key_month (period, regional, status, dimension, key, n)
     SELECT to_char(${first} + (p || ' months')::interval, 'YYYY-MM'), r, s, k.d, k.k, 1 + (p + length(r) * 3 + length(k.k)) % 40
     FROM generate_series(0, ${months - 1}) p, unnest($1::text[]) r, unnest(ARRAY['received', 'approved', 'consolidated']) s,
       unnest($2::text[], $3::text[]) AS k(d, k)`,
    [REGIONALS, keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  return { towns: towns.rowCount, keys: keyRows.rowCount };
}
