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

  it('the first page counts the filtered reports by status; a later page and the phone\'s pull do not (#11)', async () => {
    const agent = await env.account('ag', 'agent', { municipalityCode: '3106200' });
    const central = await env.account('central', 'central');
    const ids = await seed(agent, 12);
    const ret = await env.inject({ method: 'POST', url: `/api/v1/reports/${ids[0]}/reviews`, account: central, json: { decision: 'return', comment: 'Corrija.' } });
    expect(ret.statusCode, ret.body).toBe(201);
    const first = await page(central, 'limit=5');
    expect(first.counts).toEqual({ received: 11, returned: 1, approved: 0, consolidated: 0 });
    // `status` narrows the rows, not the counts (they feed the summary "5 de 11").
    const onlyReturned = await page(central, 'status=returned');
    expect(onlyReturned.reports.map((r) => r.id)).toEqual([ids[0]]);
    expect(onlyReturned.counts).toEqual(first.counts);
    const jf = await page(central, `regional=${encodeURIComponent('Juiz de Fora')}`);
    expect(jf.counts?.received).toBe(jf.reports.length);
    expect(jf.reports.length).toBe(3);
    expect((await page(central, `limit=5&cursor=${encodeURIComponent(first.nextCursor as string)}`)).counts).toBeUndefined();
    expect((await page(agent, 'municipality=3106200')).counts).toBeUndefined();
  });

  it('answers 304 to If-None-Match while nothing changed, and a new ETag after a decision (#12)', async () => {
    const agent = await env.account('ag', 'agent', { municipalityCode: '3106200' });
    const central = await env.account('central', 'central');
    const [id] = await seed(agent, 2);
    for (const url of ['/api/v1/reports?limit=10', `/api/v1/reports/${id}`]) {
      const a = await env.inject({ method: 'GET', url, account: central });
      const tag = a.headers.etag as string;
      expect(tag, url).toMatch(/^W\/"[\w-]+"$/);
      const same = await env.inject({ method: 'GET', url, account: central, headers: { 'if-none-match': tag } });
      expect(same.statusCode, url).toBe(304);
      expect(same.body).toBe('');
      const other = await env.inject({ method: 'GET', url, account: central, headers: { 'if-none-match': 'W/"old"' } });
      expect(other.statusCode).toBe(200);
      expect(other.json()).toEqual(a.json());
    }
    const before = (await env.inject({ method: 'GET', url: `/api/v1/reports/${id}`, account: central })).headers.etag as string;
    await env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account: central, json: { decision: 'approve' } });
    const after = await env.inject({ method: 'GET', url: `/api/v1/reports/${id}`, account: central, headers: { 'if-none-match': before } });
    expect(after.statusCode).toBe(200);
    expect(after.json().status).toBe('approved');
  });
});
