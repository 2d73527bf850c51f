// The Painel at the whole state's size without the hour of `npm run bench:scale`: both rollup
// tables filled directly (tests/server/full-state-rollup.ts), then the 36-month whole-state Painel
// timed through the store (median of 7 after a warm-up) and the longest query of a PGlite run.
// Usage: npx tsx tests/bench/panel-rollup.ts [pglite|postgres] (postgres needs DATABASE_URL).
import { loadavg } from 'node:os';
import { panelFigures } from '../../server/store/panel-store.ts';
import type { Queryable } from '../../server/store/driver.ts';
import { openTestStore } from '../server/helpers.ts';
import { fillFullStateRollup } from '../server/full-state-rollup.ts';
import { median } from './bench-util.ts';

const kind = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const { store, dispose } = await openTestStore(kind);
try {
  const rows = await fillFullStateRollup(store.driver, { last: '2026-11', months: 36 });
  await store.driver.exec('ANALYZE panel_town_month; ANALYZE panel_key_month');
  const p = { from: '2023-12', to: '2026-11', now: new Date() };
  await store.panel.figures(p);
  const ms: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await store.panel.figures(p);
    ms.push(performance.now() - t);
  }
  let longest = 0;
  if (kind === 'pglite') {
    const timed: Queryable = {
      query: async (sql, params) => {
        const t = performance.now();
        try { return await store.driver.query(sql, params); } finally { longest = Math.max(longest, performance.now() - t); }
      },
      exec: (sql) => store.driver.exec(sql),
    };
    await panelFigures(timed, p);
  }
  console.log(JSON.stringify({ kind, rows, medianMs: Math.round(median(ms)), maxMs: Math.round(Math.max(...ms)), longestQueryMs: kind === 'pglite' ? Math.round(longest) : undefined, load: loadavg().map((x) => x.toFixed(1)) }));
} finally {
  await dispose();
}
