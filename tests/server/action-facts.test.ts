// Property test: whatever sequence of write paths runs (new report, new revision, return, approve,
// consolidate, central return), action_facts equals a from-scratch recomputation over
// report_revisions, and the Painel's monthly rollup (migration 013, kept by triggers) equals the
// same sums computed here from those facts and the reports; the backfills build the same from
// existing data.
import { describe, expect, it } from 'vitest';
import { findMunicipality } from '../../src/domain/municipality.ts';
import { ACTION_TYPES, AUDIENCES, THEMES } from '../../src/domain/vocabulary.ts';
import { rebuildActionFacts } from '../../server/store/action-facts.ts';
import { DRIVERS, submission, useEndpoint, type Account } from './helpers.ts';

/** mulberry32: a small seeded PRNG so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const COUNTED = ['received', 'approved', 'consolidated'];
const plainTypes = ACTION_TYPES.map((o) => o.value).filter((v) => v !== 'outro');
const plainThemes = THEMES.map((o) => o.value).filter((v) => v !== 'outro');
const plainAudiences = AUDIENCES.map((o) => o.value).filter((v) => v !== 'outro');

interface FactRow {
  report_id: string; action_number: number; revision: number; period: string; municipality_code: string;
  regional: string; status: string; type: string; themes: string[]; audience: string[]; participants: number;
}
const key = (f: FactRow) => `${f.report_id}#${f.action_number}`;
const sorted = (rows: FactRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe.each(DRIVERS)('action facts on %s', (kind) => {
  const env = useEndpoint(kind);

  /** The facts as they must be: the latest revision of every counted report, computed here in JS. */
  async function recomputed(): Promise<FactRow[]> {
    const { rows } = await env.store.driver.query<{ id: string; revision: number; status: string; period: string; municipality_code: string; submission: { actions: Record<string, any>[] } }>(
      `SELECT r.id, r.revision, r.status, r.period, r.municipality_code, v.submission
       FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision`);
    return sorted(rows.filter((r) => COUNTED.includes(r.status)).flatMap((r) => r.submission.actions.map((a) => ({
      report_id: r.id, action_number: a.number, revision: r.revision, period: r.period, municipality_code: r.municipality_code,
      regional: findMunicipality(r.municipality_code)?.regional ?? '', status: r.status, type: a.type,
      themes: a.themes, audience: a.audience, participants: a.participants,
    }))));
  }
  const stored = async () => sorted((await env.store.driver.query<FactRow>(
    `SELECT report_id, action_number, revision, period, municipality_code, regional, status, type, themes, audience, participants FROM action_facts`)).rows);

  /** The rollup as it must be, summed here from the recomputed facts and the reports' rows. */
  async function rollupRecomputed(): Promise<{ towns: string[]; keys: string[] }> {
    const facts = await recomputed();
    const { rows: reports } = await env.store.driver.query<{ period: string; municipality_code: string; status: string }>(
      'SELECT period, municipality_code, status FROM reports WHERE duplicate_of IS NULL');
    const towns = new Map<string, [number, number, number]>();
    const town = (k: string) => towns.get(k) ?? (towns.set(k, [0, 0, 0]).get(k) as [number, number, number]);
    for (const r of reports) town(`${r.period}|${r.municipality_code}|${r.status}`)[0]++;
    const keys = new Map<string, number>();
    const bump = (k: string) => keys.set(k, (keys.get(k) ?? 0) + 1);
    for (const f of facts) {
      const t = town(`${f.period}|${f.municipality_code}|${f.status}`);
      t[1]++;
      t[2] += f.participants;
      bump(`${f.period}|${f.regional}|${f.status}|type|${f.type}`);
      for (const th of f.themes) bump(`${f.period}|${f.regional}|${f.status}|theme|${th}`);
    }
    return {
      towns: [...towns].map(([k, [r, a, p]]) => `${k}|${r}|${a}|${p}`).sort(),
      keys: [...keys].map(([k, n]) => `${k}|${n}`).sort(),
    };
  }
  /** The rollup as stored, without the rows whose counters went back to zero. */
  async function rollupStored(): Promise<{ towns: string[]; keys: string[] }> {
    const towns = await env.store.driver.query<{ line: string }>(
      `SELECT concat_ws('|', period, municipality_code, status, reports, actions, participants) AS line FROM panel_town_month
       WHERE reports <> 0 OR actions <> 0 OR participants <> 0`);
    const keys = await env.store.driver.query<{ line: string }>(
      `SELECT concat_ws('|', period, regional, status, dimension, key, n) AS line FROM panel_key_month WHERE n <> 0`);
    return { towns: towns.rows.map((r) => r.line).sort(), keys: keys.rows.map((r) => r.line).sort() };
  }

  it.each([1, 2, 3])('random sequences of write paths keep the facts equal to a recomputation (seed %i)', async (seed) => {
    const rnd = prng(seed);
    const agents = [
      await env.account('ag-bh', 'agent', { municipalityCode: '3106200' }),
      await env.account('ag-betim', 'agent', { municipalityCode: '3106705' }),
    ];
    const regional = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('central', 'central');
    const photos = new Map<Account, string[]>();
    for (const a of agents) photos.set(a, [await env.putPhoto(a), await env.putPhoto(a)]);
    const reports: { id: string; agent: Account; revision: number; status: string; period: string }[] = [];

    const send = async (agent: Account, period: string, id?: string, revision = 1) => {
      const n = 1 + rnd.int(3);
      const shas = Array.from({ length: n }, () => rnd.pick(photos.get(agent) as string[]));
      const body = submission({ photos: shas, municipalityCode: agent.user.municipalityCode, period, id, revision });
      body.actions.forEach((a: Record<string, any>) => {
        a.type = rnd.pick(plainTypes);
        a.themes = [...new Set([rnd.pick(plainThemes), rnd.pick(plainThemes)])];
        a.audience = [rnd.pick(plainAudiences)];
        a.participants = rnd.int(500);
      });
      const res = await env.putReport(agent, body);
      expect(res.statusCode, res.body).toBe(201);
      return body.id as string;
    };
    const review = async (who: Account, id: string, decision: string) => {
      const res = await env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account: who,
        json: { decision, ...(decision === 'return' ? { comment: 'Corrigir a ação 1.' } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { status: string }).status;
    };
    const ops: Record<string, () => Promise<boolean>> = {
      async newReport() {
        const agent = rnd.pick(agents);
        // One report per municipality and month (issue #12): only months this municipality has not sent.
        const free = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']
          .filter((p) => !reports.some((r) => r.agent === agent && r.period === p));
        if (!free.length) return false;
        const period = rnd.pick(free);
        reports.push({ id: await send(agent, period), agent, revision: 1, status: 'received', period });
        return true;
      },
      async newRevision() {
        const open = reports.filter((r) => r.status === 'received' || r.status === 'returned');
        if (!open.length) return false;
        const r = rnd.pick(open);
        await send(r.agent, r.period, r.id, ++r.revision);
        r.status = 'received';
        return true;
      },
      async returnReport() {
        const open = reports.filter((r) => r.status === 'received');
        if (!open.length) return false;
        const r = rnd.pick(open);
        r.status = await review(regional, r.id, 'return');
        return true;
      },
      async approve() {
        const open = reports.filter((r) => r.status === 'received');
        if (!open.length) return false;
        const r = rnd.pick(open);
        r.status = await review(rnd.next() < 0.5 ? regional : central, r.id, 'approve');
        return true;
      },
      async consolidate() {
        const open = reports.filter((r) => r.status === 'approved');
        if (!open.length) return false;
        const r = rnd.pick(open);
        r.status = await review(central, r.id, 'consolidate');
        return true;
      },
      async centralReturn() {
        const open = reports.filter((r) => r.status === 'approved');
        if (!open.length) return false;
        const r = rnd.pick(open);
        r.status = await review(central, r.id, 'return');
        return true;
      },
    };
    const names = Object.keys(ops);
    const done = new Set<string>();
    for (let step = 0, tries = 0; step < 40 && tries < 400; tries++) {
      const name = step < 3 ? 'newReport' : rnd.pick(names);
      if (!(await ops[name]())) continue; // nothing to apply it to yet: draw again
      step++;
      done.add(name);
      expect(await stored(), `seed ${seed}, step ${step} (${name})`).toEqual(await recomputed());
      expect(await rollupStored(), `rollup: seed ${seed}, step ${step} (${name})`).toEqual(await rollupRecomputed());
    }
    expect(done.size).toBeGreaterThanOrEqual(5); // the sequence really exercised the write paths
    expect((await stored()).length).toBeGreaterThan(0);
    // The backfill (rebuild from scratch) agrees with what the write paths kept.
    const kept = await stored();
    await env.store.driver.transaction((tx) => rebuildActionFacts(tx));
    expect(await stored()).toEqual(kept);
    // The rebuild went through the triggers (every fact out, then in): the rollup still agrees.
    const rollup = await rollupRecomputed();
    expect(rollup.keys.length).toBeGreaterThan(0);
    expect(await rollupStored()).toEqual(rollup);
  });

  it('migration 013 builds the rollup of data that existed before it', async () => {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const other = await env.account('ag-betim', 'agent', { municipalityCode: '3106705' });
    const regional = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    await env.sendReport(agent, { n: 2 });
    const b = await env.sendReport(agent, { n: 3, period: '2026-10' });
    await env.sendReport(other, { n: 4, period: '2026-10' });
    await env.inject({ method: 'POST', url: `/api/v1/reports/${b.body.id}/reviews`, account: regional, json: { decision: 'return', comment: 'x' } });
    const expected = await rollupRecomputed();
    expect(expected.towns.length).toBe(3);
    await env.store.driver.exec(`DROP TABLE panel_town_month, panel_key_month;
      DROP FUNCTION panel_apply_facts_new, panel_apply_facts_old, panel_apply_reports CASCADE;
      DELETE FROM schema_migrations WHERE version = 13`);
    expect(await env.store.migrate()).toContain(13);
    expect(await rollupStored()).toEqual(expected);
    // And the triggers are back: a new report counts at once.
    await env.sendReport(other, { n: 1, period: '2026-09' });
    expect(await rollupStored()).toEqual(await rollupRecomputed());
  });

  it('migration 010 backfills the facts of data that existed before it', async () => {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const regional = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const a = await env.sendReport(agent, { n: 2 });
    const b = await env.sendReport(agent, { n: 3, period: '2026-10' });
    await env.inject({ method: 'POST', url: `/api/v1/reports/${b.body.id}/reviews`, account: regional, json: { decision: 'return', comment: 'x' } });
    const expected = await recomputed();
    expect(expected.map((f) => f.report_id)).toEqual([a.body.id, a.body.id]);
    // Back to the schema before 010, then migrate again.
    await env.store.driver.exec(`DROP TABLE action_facts; DROP INDEX reports_municipality_idx; DELETE FROM schema_migrations WHERE version = 10`);
    expect(await env.store.migrate()).toContain(10);
    expect(await stored()).toEqual(expected);
  });
});
