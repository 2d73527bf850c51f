import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/limits.ts';
import { DRIVERS, fakeImage, sha256, submission, useEndpoint } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

const url = (sha: string) => `/api/v1/photos/${sha}`;

describe.each(DRIVERS)('photos on %s', (kind) => {
  const env = useEndpoint(kind);
  const agent = () => env.account('ana', 'agent', { municipalityCode: '3106200' });
  const put = (account: Awaited<ReturnType<typeof agent>>, img: { bytes: Buffer; sha256: string }, type = 'image/jpeg') =>
    env.inject({ method: 'PUT', url: url(img.sha256), account, payload: img.bytes, headers: { 'content-type': type } });

  it('HEAD 404 → PUT 201 → HEAD 200 → PUT again 200; the bytes are stored once', async () => {
    const ana = await agent();
    const img = fakeImage();
    expect((await env.inject({ method: 'HEAD', url: url(img.sha256), account: ana })).statusCode).toBe(404);
    const first = await put(ana, img);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ sha256: img.sha256, byteSize: img.bytes.length, mimeType: 'image/jpeg' });
    expect((await env.inject({ method: 'HEAD', url: url(img.sha256), account: ana })).statusCode).toBe(200);
    expect((await put(ana, img)).statusCode).toBe(200);
    const { rows } = await env.store.driver.query<{ n: number }>('SELECT count(*) AS n FROM photos');
    expect(rows[0].n).toBe(1);
    expect((await auditOf(env.store, 'photo', img.sha256)).map((a) => a.action)).toEqual(['photo.stored']);
  });

  describe('POST /photos/missing', () => {
    const missing = (account: Awaited<ReturnType<typeof agent>>, body: unknown) =>
      env.inject({ method: 'POST', url: '/api/v1/photos/missing', account, json: body });

    it('answers, in one round trip, which of the asked photos are not stored (in order, once each)', async () => {
      const ana = await agent();
      const beto = await env.account('beto', 'agent', { municipalityCode: '3136702' }); // Juiz de Fora: another regional
      const [a, b, c] = [fakeImage(), fakeImage(), fakeImage()];
      expect((await put(ana, a)).statusCode).toBe(201);
      expect((await put(beto, c)).statusCode).toBe(201);
      const res = await missing(ana, { sha256: [b.sha256, a.sha256, c.sha256, b.sha256] });
      expect(res.statusCode).toBe(200);
      // stored by anyone counts as stored: the same rule the report PUT applies (content-addressed)
      expect(res.json()).toEqual({ missing: [b.sha256] });
      expect((await put(ana, b)).statusCode).toBe(201);
      expect((await missing(ana, { sha256: [a.sha256, b.sha256, c.sha256] })).json()).toEqual({ missing: [] });
    });

    it('agrees with the report PUT: what it calls missing is what 409 missing_photos lists', async () => {
      const ana = await agent();
      const [a, b] = [fakeImage(), fakeImage()];
      await put(ana, a);
      const asked = (await missing(ana, { sha256: [a.sha256, b.sha256] })).json().missing;
      const report = await env.putReport(ana, submission({ photos: [a.sha256, b.sha256] }));
      expect(report.statusCode).toBe(409);
      expect(report.json().error.missing).toEqual(asked);
    });

    it('takes 200 at once; 400 invalid_request for 0 or 201, bad sha256, unknown keys or no list', async () => {
      const ana = await agent();
      const many = Array.from({ length: 200 }, (_, i) => sha256(Buffer.from(String(i))));
      const ok = await missing(ana, { sha256: many });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().missing).toEqual(many);
      for (const body of [{ sha256: [] }, { sha256: [...many, 'f'.repeat(64)] }, { sha256: ['ABC'] }, { sha256: [fakeImage().sha256], extra: 1 }, {}, [many[0]]]) {
        const res = await missing(ana, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
        expect(res.json().error.issues.length).toBeGreaterThan(0);
      }
    });

    it('403 for regional and central accounts, 401 without a token', async () => {
      const body = { sha256: [fakeImage().sha256] };
      for (const account of [await env.account('urs', 'regional', { regional: 'Belo Horizonte' }), await env.account('sesmg', 'central')]) {
        const res = await missing(account, body);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
      const anon = await env.inject({ method: 'POST', url: '/api/v1/photos/missing', json: body });
      expect(anon.statusCode).toBe(401);
    });
  });

  it('accepts WebP and PNG, and exactly 2 MiB', async () => {
    const ana = await agent();
    for (const type of ['image/webp', 'image/png'] as const) {
      const img = fakeImage({ type });
      expect((await put(ana, img, type)).statusCode).toBe(201);
    }
    const max = fakeImage({ size: LIMITS.photoMaxBytes });
    expect((await put(ana, max)).statusCode).toBe(201);
  });

  it('400 hash_mismatch when the bytes do not hash to the path', async () => {
    const ana = await agent();
    const img = fakeImage();
    const res = await env.inject({ method: 'PUT', url: url('a'.repeat(64)), account: ana, payload: img.bytes, headers: { 'content-type': 'image/jpeg' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('hash_mismatch');
    expect(await env.store.photos.has('a'.repeat(64))).toBe(false);
  });

  it('400 invalid_request for a path that is not a sha256', async () => {
    const ana = await agent();
    const res = await env.inject({ method: 'GET', url: url('ABC'), account: ana });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('413 too_large over 2 MiB', async () => {
    const ana = await agent();
    const img = fakeImage({ size: LIMITS.photoMaxBytes + 1 });
    const res = await put(ana, img);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'too_large', message: 'A foto excede o limite de 2 MB.' });
  });

  it('415 unsupported_media_type: other content types, non-images, bytes that contradict the type', async () => {
    const ana = await agent();
    const img = fakeImage();
    const png = fakeImage({ type: 'image/png' });
    const text = Buffer.from('isto não é uma foto');
    const cases = [
      await put(ana, img, 'image/gif'),
      await put(ana, img, 'text/plain'),
      await put(ana, img, 'application/json'),
      await put(ana, { bytes: text, sha256: sha256(text) }),
      await put(ana, png, 'image/jpeg'),
      await put(ana, { bytes: Buffer.alloc(0), sha256: sha256(Buffer.alloc(0)) }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
  });

  it('403 forbidden for PUT and HEAD by regional and central accounts; 401 without a token', async () => {
    const img = fakeImage();
    for (const account of [await env.account('urs', 'regional', { regional: 'Belo Horizonte' }), await env.account('sesmg', 'central')]) {
      const res = await put(account, img);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await env.inject({ method: 'HEAD', url: url(img.sha256), account })).statusCode).toBe(403);
    }
    const anon = await env.inject({ method: 'PUT', url: url(img.sha256), payload: img.bytes, headers: { 'content-type': 'image/jpeg' } });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
  });

  it('GET: the uploader, then whoever may see a report that uses it; nobody else', async () => {
    const ana = await agent();
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' }); // Betim, same regional
    const urs = await env.account('urs', 'regional', { regional: 'Belo Horizonte' });
    const ursJf = await env.account('ursjf', 'regional', { regional: 'Juiz de Fora' });
    const central = await env.account('sesmg', 'central');
    const img = fakeImage();
    await put(ana, img);
    const get = (account: typeof ana) => env.inject({ method: 'GET', url: url(img.sha256), account });

    const own = await get(ana);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(img.bytes)).toBe(true);
    for (const other of [beto, urs, central]) {
      const res = await get(other);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }

    const body = submission({ photos: [img.sha256] });
    expect((await env.putReport(ana, body)).statusCode).toBe(201);
    expect((await get(urs)).statusCode).toBe(200);
    expect((await get(central)).statusCode).toBe(200);
    expect((await get(ursJf)).statusCode).toBe(403);
    expect((await get(beto)).statusCode).toBe(403);

    const missing = await env.inject({ method: 'GET', url: url('b'.repeat(64)), account: ana });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('two agents uploading the same bytes may both read them', async () => {
    const ana = await agent();
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    const img = fakeImage();
    expect((await put(ana, img)).statusCode).toBe(201);
    expect((await put(beto, img)).statusCode).toBe(200);
    expect((await env.inject({ method: 'GET', url: url(img.sha256), account: beto })).statusCode).toBe(200);
  });
});
