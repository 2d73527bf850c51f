import { describe, expect, it } from 'vitest';
import { ReportDetailSchema, ReportListResponseSchema, ReportReceiptSchema } from '../../src/domain/api.ts';
import { DRIVERS, NOW, submission, useEndpoint, type Account } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

describe.each(DRIVERS)('reports on %s', (kind) => {
  const env = useEndpoint(kind);
  const agent = () => env.account('ana', 'agent', { municipalityCode: '3106200' });
  const count = async (table: string) =>
    (await env.store.driver.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n;
  const review = (account: Account, id: string, body: Record<string, unknown>) =>
    env.inject({ method: 'POST', url: `/api/v1/reports/${id}/reviews`, account, json: body });

  it('201 with a protocol the first time; the same body ten times → one report, 200 and the same protocol', async () => {
    const ana = await agent();
    const photo = await env.putPhoto(ana);
    const body = submission({ photos: [photo] });
    const first = await env.putReport(ana, body);
    expect(first.statusCode).toBe(201);
    const receipt = ReportReceiptSchema.parse(first.json());
    expect(receipt).toEqual({ id: body.id, revision: 1, protocol: 'MG-2026-11-3106200-0001', receivedAt: NOW.toISOString(), status: 'received' });
    for (let i = 0; i < 10; i++) {
      const again = await env.putReport(ana, body);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(receipt);
    }
    // Key order does not matter: the canonical parsed submission is compared.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await env.putReport(ana, reordered)).statusCode).toBe(200);
    expect(await count('reports')).toBe(1);
    expect(await count('report_revisions')).toBe(1);
    expect((await auditOf(env.store, 'report', body.id)).map((a) => a.action)).toEqual(['report.received']);
  });

  it('concurrent PUTs of the same report → one row, one 201, the same protocol', async () => {
    const ana = await agent();
    const body = submission({ photos: [await env.putPhoto(ana)] });
    const results = await Promise.all(Array.from({ length: 6 }, () => env.putReport(ana, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().protocol)).size).toBe(1);
    expect(await count('reports')).toBe(1);
  });

  it('numbers protocols per municipality and period', async () => {
    const ana = await agent();
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    expect((await env.sendReport(ana)).receipt.protocol).toBe('MG-2026-11-3106200-0001');
    expect((await env.sendReport(ana)).receipt.protocol).toBe('MG-2026-11-3106200-0002');
    expect((await env.sendReport(ana, { period: '2026-10' })).receipt.protocol).toBe('MG-2026-10-3106200-0001');
    expect((await env.sendReport(beto)).receipt.protocol).toBe('MG-2026-11-3106705-0001');
  });

  it('409 missing_photos lists the photos not stored yet; after uploading them, 201', async () => {
    const ana = await agent();
    const stored = await env.putPhoto(ana);
    const body = submission({ photos: [stored, 'c'.repeat(64), 'd'.repeat(64)] });
    const res = await env.putReport(ana, body);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('missing_photos');
    expect(res.json().error.missing.sort()).toEqual(['c'.repeat(64), 'd'.repeat(64)]);
    expect(await count('reports')).toBe(0);
  });

  it('revisions: a newer one replaces, keeps the protocol; changed or older ones → 409 revision_conflict', async () => {
    const ana = await agent();
    const photo = await env.putPhoto(ana);
    const r1 = submission({ photos: [photo] });
    const { protocol } = (await env.putReport(ana, r1)).json();

    const changed = { ...r1, notes: 'outra coisa' };
    const conflict = await env.putReport(ana, changed);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'revision_conflict', currentRevision: 1 });

    const r3 = { ...r1, revision: 3, notes: 'corrigido' };
    const third = await env.putReport(ana, r3);
    expect(third.statusCode).toBe(201);
    expect(third.json()).toMatchObject({ revision: 3, protocol, status: 'received' });
    expect((await env.putReport(ana, r1)).statusCode).toBe(200); // a late repeat of revision 1 still gets its receipt
    const older = await env.putReport(ana, { ...r1, revision: 2 });
    expect(older.statusCode).toBe(409);
    expect(older.json().error).toMatchObject({ code: 'revision_conflict', currentRevision: 3 });
    expect(await count('report_revisions')).toBe(2);
    const audit = await auditOf(env.store, 'report', r1.id);
    expect(audit.map((a) => [a.action, a.fromRevision, a.toRevision])).toEqual([
      ['report.received', null, 1],
      ['report.revised', 1, 3],
    ]);
  });

  it('422 invalid_report lists every issue in Portuguese; unknown keys are rejected', async () => {
    const ana = await agent();
    const body = submission({ photos: [await env.putPhoto(ana)] });
    body.actions[0].date = '2026-10-31';
    body.actions[0].photos = [];
    body.extra = 1;
    const res = await env.putReport(ana, body);
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('invalid_report');
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'actions.0.date', 'actions.0.photos']));
    expect(error.issues.find((i: { path: string }) => i.path === 'actions.0.date').message).toMatch(/dentro de novembro de 2026/);

    const future = submission({ photos: [await env.putPhoto(ana)] });
    future.actions[0].date = '2026-11-28';
    expect((await env.putReport(ana, future)).json().error.issues[0].message).toMatch(/no futuro/);

    const nowhere = submission({ photos: [await env.putPhoto(ana)], municipalityCode: '3199999' });
    expect((await env.putReport(ana, nowhere)).statusCode).toBe(422);

    const other = submission({ photos: [await env.putPhoto(ana)] });
    const mismatch = await env.inject({ method: 'PUT', url: `/api/v1/reports/${crypto.randomUUID()}`, account: ana, json: other });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.issues[0].path).toBe('id');
  });

  it('400 bad JSON, 415 not JSON, 413 over the report limit, 404 for a path that is not an id', async () => {
    const ana = await agent();
    const id = crypto.randomUUID();
    const bad = await env.inject({ method: 'PUT', url: `/api/v1/reports/${id}`, account: ana, json: '{"id":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const text = await env.inject({ method: 'PUT', url: `/api/v1/reports/${id}`, account: ana, payload: 'oi', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const huge = await env.inject({ method: 'PUT', url: `/api/v1/reports/${id}`, account: ana, json: { notes: 'x'.repeat(600 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('too_large');
    const notId = await env.inject({ method: 'PUT', url: '/api/v1/reports/abc', account: ana, json: {} });
    expect(notId.statusCode).toBe(404);
  });

  it('403 forbidden: another municipality, a report id owned by another municipality, non-agents', async () => {
    const ana = await agent();
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    const photo = await env.putPhoto(ana);
    const toB = submission({ photos: [photo], municipalityCode: '3106705' });
    const res = await env.putReport(ana, toB);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');

    const { body } = await env.sendReport(ana);
    const hijack = { ...body, revision: 2, municipalityCode: '3106705' };
    expect((await env.putReport(beto, hijack)).statusCode).toBe(403);

    for (const account of [await env.account('urs', 'regional', { regional: 'Belo Horizonte' }), await env.account('sesmg', 'central')]) {
      const r = await env.putReport(account, submission({ photos: [photo] }));
      expect(r.statusCode).toBe(403);
    }
    expect(await count('reports')).toBe(1);
  });

  it('lists what each role may see, with filters and the last review', async () => {
    const ana = await agent();
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    const jf = await env.account('carla', 'agent', { municipalityCode: '3136702' }); // Juiz de Fora
    const urs = await env.account('urs', 'regional', { regional: 'Belo Horizonte' });
    const central = await env.account('sesmg', 'central');
    const a = await env.sendReport(ana);
    await env.sendReport(ana, { period: '2026-10' });
    await env.sendReport(beto);
    await env.sendReport(jf);
    await review(urs, a.body.id, { decision: 'return', comment: 'Falta a lista de presença.' });

    const list = async (account: Account, query = '') => {
      const res = await env.inject({ method: 'GET', url: `/api/v1/reports${query}`, account });
      expect(res.statusCode, res.body).toBe(200);
      return ReportListResponseSchema.parse(res.json()).reports;
    };
    expect((await list(ana)).map((r) => r.municipalityCode)).toEqual(['3106200', '3106200']);
    expect((await list(urs)).map((r) => r.municipalityCode).sort()).toEqual(['3106200', '3106200', '3106705']);
    expect(await list(central)).toHaveLength(4);
    expect(await list(central, '?period=2026-10')).toHaveLength(1);
    expect(await list(urs, '?municipality=3106705')).toHaveLength(1);
    const returned = await list(central, '?status=returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ id: a.body.id, status: 'returned', actionCount: 1, photoCount: 1,
      lastReview: { decision: 'return', comment: 'Falta a lista de presença.', by: { login: 'urs', role: 'regional' }, revision: 1 } });

    const forbidden = await env.inject({ method: 'GET', url: '/api/v1/reports?municipality=3136702', account: urs });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await env.inject({ method: 'GET', url: '/api/v1/reports?period=2026-13', account: ana });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid_request');
  });

  it('GET /reports/{id}: the latest revision, its municipality and the review history', async () => {
    const ana = await agent();
    const urs = await env.account('urs', 'regional', { regional: 'Belo Horizonte' });
    const jf = await env.account('ursjf', 'regional', { regional: 'Juiz de Fora' });
    const { body } = await env.sendReport(ana);
    await review(urs, body.id, { decision: 'return', comment: 'Foto ilegível.', actionNumbers: [1] });
    await env.putReport(ana, { ...body, revision: 2, notes: 'Foto trocada.' });
    const res = await env.inject({ method: 'GET', url: `/api/v1/reports/${body.id}`, account: urs });
    expect(res.statusCode).toBe(200);
    const detail = ReportDetailSchema.parse(res.json());
    expect(detail).toMatchObject({ revision: 2, status: 'received', protocol: 'MG-2026-11-3106200-0001',
      municipality: { code: '3106200', name: 'Belo Horizonte', regional: 'Belo Horizonte' } });
    expect(detail.report).toMatchObject({ id: body.id, revision: 2, notes: 'Foto trocada.' });
    expect(detail.reviews).toEqual([expect.objectContaining({ decision: 'return', actionNumbers: [1], revision: 1 })]);
    expect((await env.inject({ method: 'GET', url: `/api/v1/reports/${body.id}`, account: jf })).statusCode).toBe(403);
    const missing = await env.inject({ method: 'GET', url: `/api/v1/reports/${crypto.randomUUID()}`, account: urs });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('reviews: approve locks the report; only central returns or consolidates it afterwards', async () => {
    const ana = await agent();
    const urs = await env.account('urs', 'regional', { regional: 'Belo Horizonte' });
    const ursJf = await env.account('ursjf', 'regional', { regional: 'Juiz de Fora' });
    const central = await env.account('sesmg', 'central');
    const { body } = await env.sendReport(ana);
    const id = body.id;

    expect((await review(ana, id, { decision: 'approve' })).statusCode).toBe(403);
    expect((await review(ursJf, id, { decision: 'approve' })).statusCode).toBe(403);
    const noComment = await review(urs, id, { decision: 'return' });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error).toMatchObject({ code: 'invalid_review', issues: [{ path: 'comment' }] });
    expect((await review(urs, id, { decision: 'approve', revision: 2 })).json().error.code).toBe('revision_conflict');
    expect((await review(urs, id, { decision: 'consolidate' })).statusCode).toBe(403);

    const approved = await review(urs, id, { decision: 'approve', revision: 1 });
    expect(approved.statusCode).toBe(201);
    expect(approved.json()).toMatchObject({ status: 'approved', review: { decision: 'approve', by: { login: 'urs' }, at: NOW.toISOString() } });

    const locked = await env.putReport(ana, { ...body, revision: 2, notes: 'mudança' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('report_locked');
    expect((await env.putReport(ana, body)).statusCode).toBe(200); // the accepted revision repeats fine

    const ursReturn = await review(urs, id, { decision: 'return', comment: 'Reabrir' });
    expect(ursReturn.statusCode).toBe(409);
    expect(ursReturn.json().error.code).toBe('report_locked');
    expect((await review(central, id, { decision: 'approve' })).json().error.code).toBe('invalid_transition');
    expect((await review(central, id, { decision: 'return', comment: 'Reabrir para correção' })).json().status).toBe('returned');
    expect((await review(urs, id, { decision: 'approve' })).json().error.code).toBe('invalid_transition');

    expect((await env.putReport(ana, { ...body, revision: 2, notes: 'corrigido' })).json().status).toBe('received');
    expect((await review(urs, id, { decision: 'approve' })).statusCode).toBe(201);
    expect((await review(central, id, { decision: 'consolidate' })).json().status).toBe('consolidated');
    expect((await review(central, id, { decision: 'return', comment: 'x' })).json().error.code).toBe('report_locked');
    expect((await env.putReport(ana, { ...body, revision: 3 })).json().error.code).toBe('report_locked');

    const audit = await auditOf(env.store, 'report', id);
    expect(audit.map((a) => `${a.action}:${a.fromStatus ?? '-'}>${a.toStatus}@${a.toRevision}`)).toEqual([
      'report.received:->received@1',
      'report.reviewed:received>approved@1',
      'report.reviewed:approved>returned@1',
      'report.revised:returned>received@2',
      'report.reviewed:received>approved@2',
      'report.reviewed:approved>consolidated@2',
    ]);
    expect((await review(urs, crypto.randomUUID(), { decision: 'approve' })).statusCode).toBe(404);
  });
});
