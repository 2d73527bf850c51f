// GET /reports pages by a stable keyset cursor: no duplicates or gaps while reports keep arriving.
import { describe, expect, it } from 'vitest';
import { ReportListResponseSchema, type ReportSummary } from '../../src/domain/api.ts';
import { municipalitiesOfRegional } from '../../src/domain/municipality.ts';
import { DRIVERS, NOW, fakeImage, submission, useEndpoint, type Account } from './helpers.ts';

const TOWNS = ['3106200', '3106705', '3118601', '3136702']; // BH, Betim, Contagem (unit BH), Juiz de Fora
// One report per municipality and month (#12): each town gets its own month for every index.
const PERIODS = Array.from({ length: 60 }, (_, k) => `${2022 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const orderKey = (r: ReportSummary) => [r.period, r.municipalityCode] as const;

describe.each(DRIVERS)('GET /reports paging on %s', (kind) => {
  const env = useEndpoint(kind);

  async function seed(agent: Account, n: number, start = 0) {
    const image = fakeImage({ size: 500 });
    await env.store.photos.put({ sha256: image.sha256, mimeType: image.type, bytes: image.bytes, userId: agent.user.id, now: NOW });
    const ids: string[] = [];
    for (let i = start; i < start + n; i++) {
      const s = submission({ photos: [image.sha256], municipalityCode: TOWNS[i % TOWNS.length], period: PERIODS[(Math.floor(i / TOWNS.length) * 7) % PERIODS.length] });
      const out = await env.store.reports.put(s as never, agent.user, new Date(NOW.getTime() + i));
      expect(out.outcome).toBe('created');
      ids.push(s.id);
    }
    return ids;
  }
  const page = async (who: Account, query: string) => {
    const res = await env.inject({ method: 'GET', url: `/api/v1/reports?${query}`, account: who });
    expect(res.statusCode, res.body).toBe(200);
    return ReportListResponseSchema.parse(res.json());
  };

  it('pages through every report once, in order, while others are inserted concurrently', async () => {
    const agent = await env.account('ag', 'agent', { municipalityCode: '3106200' });
    const central = await env.account('central', 'central');
    const before = await seed(agent, 90);
    const seen: ReportSummary[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    let inserted = 90;
    do {
      // A page request and new reports at the same time.
      const [p] = await Promise.all([
        page(central, `limit=17${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        seed(agent, 3, inserted),
      ]);
      inserted += 3;
      seen.push(...p.reports);
      cursor = p.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(cursor).toBeNull();
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    for (const id of before) expect(ids).toContain(id); // no gaps among the reports that existed
    for (let i = 1; i < seen.length; i++) {
      const [p0, m0] = orderKey(seen[i - 1]);
      const [p1, m1] = orderKey(seen[i]);
      expect(p0 > p1 || (p0 === p1 && m0 <= m1), `order at ${i}`).toBe(true);
    }
    expect(pages).toBeGreaterThanOrEqual(6);
  });

  it('defaults to 100, allows at most 500, filters by unit and status, refuses bad cursors and other units', async () => {
    const agent = await env.account('ag', 'agent', { municipalityCode: '3106200' });
    const central = await env.account('central', 'central');
    const ursJf = await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' });
    await seed(agent, 110);
    const first = await page(central, '');
    expect(first.reports).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await page(central, `cursor=${encodeURIComponent(first.nextCursor as string)}`);
    expect(rest.reports).toHaveLength(10);
    expect(rest.nextCursor).toBeNull();
    expect((await page(central, 'limit=500')).reports).toHaveLength(110);

    const bh = new Set(municipalitiesOfRegional('Belo Horizonte').map((m) => m.code));
    const unit = await page(central, `regional=${encodeURIComponent('Belo Horizonte')}&limit=500`);
    expect(unit.reports.length).toBeGreaterThan(0);
    expect(unit.reports.every((r) => bh.has(r.municipalityCode))).toBe(true);
    expect(unit.reports).toHaveLength(110 - 27); // every town but Juiz de Fora (i % 4 === 3: 27 of 110)
    const jf = await page(ursJf, `regional=${encodeURIComponent('Juiz de Fora')}`);
    expect(jf.reports.every((r) => r.municipalityCode === '3136702')).toBe(true);
    const received = await page(central, 'status=received&limit=500');
    expect(received.reports).toHaveLength(110);
    expect((await page(central, 'status=approved')).reports).toHaveLength(0);

    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'cursor=nope', 'regional=Atlantida']) {
      const res = await env.inject({ method: 'GET', url: `/api/v1/reports?${q}`, account: central });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    const other = await env.inject({ method: 'GET', url: `/api/v1/reports?regional=${encodeURIComponent('Belo Horizonte')}`, account: ursJf });
    expect(other.statusCode).toBe(403);
  });
});
