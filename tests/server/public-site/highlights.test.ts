// Publishing highlights: central publishes, a regional unit suggests; photos need the image-use
// consent, are served re-encoded with no EXIF/GPS in two bounded sizes, and vanish on unpublish.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PUBLIC_PHOTO_LIMITS } from '../../../server/public-site/public-photo.ts';
import { DRIVERS, sha256, submission, useEndpoint, type Account } from '../helpers.ts';
import { auditOf } from '../store-helpers.ts';

const fixture = (name: string) => {
  const bytes = readFileSync(new URL(`../../../../shared/fixtures/photos/${name}`, import.meta.url));
  return { bytes, sha256: sha256(bytes), type: 'image/jpeg' };
};
const GPS_PHOTO = fixture('gps_nikon-coolpix-p6000.jpg');
const ROTATED_PHOTO = fixture('orientation-6_portrait_labeled.jpg');

/** Markers of a JPEG's header segments (up to the start of scan), with their bytes. */
function headerSegments(b: Buffer): { marker: number; data: Buffer }[] {
  expect([b[0], b[1]]).toEqual([0xff, 0xd8]);
  const out: { marker: number; data: Buffer }[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    expect(b[i]).toBe(0xff);
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    out.push({ marker, data: b.subarray(i + 4, i + 2 + len) });
    if (marker === 0xda) break;
    i += 2 + len;
  }
  return out;
}
const hasGpsTag = (app1: Buffer) => app1.includes(Buffer.from([0x88, 0x25])) || app1.includes(Buffer.from([0x25, 0x88]));

describe.each(DRIVERS)('highlights on %s', (kind) => {
  const env = useEndpoint(kind);

  async function seed() {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: '3106200' });
    const urs = await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' });
    const ursJf = await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' });
    const central = await env.account('central', 'central');
    const photos = [await env.putPhoto(agent, GPS_PHOTO), await env.putPhoto(agent, ROTATED_PHOTO)];
    const body = submission({ photos: [photos[0]], municipalityCode: '3106200', period: '2026-10' });
    body.actions[0].photos.push({ ...body.actions[0].photos[0], sha256: photos[1], number: 2 });
    const res = await env.putReport(agent, body);
    expect(res.statusCode, res.body).toBe(201);
    return { agent, urs, ursJf, central, report: body, action: body.actions[0], photos };
  }
  const publish = (who: Account, json: Record<string, unknown>) => env.inject({ method: 'POST', url: '/api/v1/highlights', account: who, json });
  const request = (s: Awaited<ReturnType<typeof seed>>, over: Record<string, unknown> = {}) => ({
    reportId: s.report.id, actionId: s.action.id, title: 'Mutirão contra o Aedes no bairro',
    text: 'Moradores e escolas recolheram recipientes que acumulavam água parada.', photos: s.photos, imageConsent: true, ...over,
  });

  it('checks the fixture really carries EXIF with GPS (so the next test means something)', () => {
    const app1 = headerSegments(GPS_PHOTO.bytes).filter((s) => s.marker === 0xe1);
    expect(app1.length).toBeGreaterThan(0);
    expect(app1.some((s) => s.data.subarray(0, 4).toString() === 'Exif' && hasGpsTag(s.data))).toBe(true);
  });

  it('publishes with consent: the public photos have no EXIF or GPS, fit their sizes and appear on the pages', async () => {
    const s = await seed();
    const res = await publish(s.central, request(s));
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json().highlight;
    expect(h).toMatchObject({ status: 'published', municipalityCode: '3106200', period: '2026-10', imageConsent: true });
    expect(h.publicPhotos).toHaveLength(2);

    const page = (await env.inject({ method: 'GET', url: '/publico/balanco/2026-10' })).body;
    expect(page).toContain('Mutirão contra o Aedes no bairro');
    expect((await env.inject({ method: 'GET', url: '/publico/destaques' })).body).toContain('Moradores e escolas recolheram');
    for (const [i, p] of h.publicPhotos.entries()) {
      for (const [size, limit] of [['mini', PUBLIC_PHOTO_LIMITS.thumb], ['grande', PUBLIC_PHOTO_LIMITS.full]] as const) {
        const url = `/publico/fotos/${p.publicId}-${size}.jpg`;
        expect(page).toContain(size === 'mini' ? `src="${url}"` : `href="${url}"`);
        const r = await env.inject({ method: 'GET', url });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toBe('image/jpeg');
        expect(r.headers['cache-control']).toContain('max-age=31536000');
        const bytes = r.rawPayload;
        expect(bytes.length).toBeLessThanOrEqual(limit.maxBytes);
        const segments = headerSegments(bytes);
        expect(segments.filter((x) => x.marker >= 0xe1 && x.marker <= 0xef)).toEqual([]);
        const header = Buffer.concat(segments.map((x) => x.data));
        expect(header.includes(Buffer.from('Exif'))).toBe(false);
        expect(header.includes(Buffer.from('GPS'))).toBe(false);
        const meta = await sharp(bytes).metadata();
        expect(meta.exif).toBeUndefined();
        expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(limit.side);
        // orientation applied to the pixels: the portrait fixture stays portrait
        if (i === 1) expect(meta.height!).toBeGreaterThan(meta.width!);
      }
    }
    const audit = await auditOf(env.store, 'highlight', h.id);
    expect(audit.map((a) => [a.action, a.toStatus, a.actorId])).toEqual([['highlight.published', 'published', s.central.user.id]]);
  });

  it('refuses photos without the image-use consent, and photos of another action', async () => {
    const s = await seed();
    const res = await publish(s.central, request(s, { imageConsent: false }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('consent_required');
    expect(res.json().error.message).toContain('autorizaram o uso de imagem');
    const other = await publish(s.central, request(s, { photos: ['a'.repeat(64)] }));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.photos).toEqual(['a'.repeat(64)]);
    // Without photos no consent is needed.
    expect((await publish(s.central, request(s, { photos: [], imageConsent: false }))).statusCode).toBe(201);
  });

  it('lets a regional unit suggest for its own unit only; a suggestion is not public', async () => {
    const s = await seed();
    const sug = await publish(s.urs, request(s));
    expect(sug.statusCode, sug.body).toBe(201);
    expect(sug.json().highlight).toMatchObject({ status: 'suggested', publicPhotos: [] });
    expect((await env.inject({ method: 'GET', url: '/publico/balanco/2026-10' })).body).not.toContain('Mutirão contra o Aedes');
    expect((await publish(s.ursJf, request(s))).statusCode).toBe(403);
    expect((await publish(s.agent, request(s))).statusCode).toBe(403);
    const list = await env.inject({ method: 'GET', url: '/api/v1/highlights?status=suggested', account: s.central });
    expect(list.json().highlights.map((x: { id: string }) => x.id)).toEqual([sug.json().highlight.id]);
    expect((await env.inject({ method: 'GET', url: '/api/v1/highlights', account: s.ursJf })).json().highlights).toEqual([]);
    const byReport = await env.inject({ method: 'GET', url: `/api/v1/highlights?report=${s.report.id}`, account: s.urs });
    expect(byReport.json().highlights.map((x: { actionId: string }) => x.actionId)).toEqual([s.action.id]);
    expect((await env.inject({ method: 'GET', url: `/api/v1/highlights?report=${crypto.randomUUID()}`, account: s.urs })).json().highlights).toEqual([]);
    // central publishes the suggestion (same action): the same highlight, now public
    const pub = await publish(s.central, request(s, { title: 'Mutirão contra o Aedes, revisto' }));
    expect(pub.statusCode).toBe(200);
    expect(pub.json().highlight).toMatchObject({ id: sug.json().highlight.id, status: 'published' });
    expect((await env.inject({ method: 'GET', url: '/publico/destaques' })).body).toContain('Mutirão contra o Aedes, revisto');
  });

  it('unpublishing removes the highlight and its photos from the public side at once', async () => {
    const s = await seed();
    const h = (await publish(s.central, request(s))).json().highlight;
    const photo = `/publico/fotos/${h.publicPhotos[0].publicId}-grande.jpg`;
    expect((await env.inject({ method: 'GET', url: photo })).statusCode).toBe(200);
    expect((await env.inject({ method: 'POST', url: `/api/v1/highlights/${h.id}/unpublish`, account: s.urs })).statusCode).toBe(403);
    const un = await env.inject({ method: 'POST', url: `/api/v1/highlights/${h.id}/unpublish`, account: s.central });
    expect(un.statusCode).toBe(200);
    expect(un.json().highlight).toMatchObject({ status: 'unpublished', publicPhotos: [] });
    expect((await env.inject({ method: 'GET', url: photo })).statusCode).toBe(404);
    for (const url of ['/publico/balanco/2026-10', '/publico/destaques']) {
      expect((await env.inject({ method: 'GET', url })).body).not.toContain('Mutirão contra o Aedes');
    }
    const audit = await auditOf(env.store, 'highlight', h.id);
    expect(audit.map((a) => a.action)).toEqual(['highlight.published', 'highlight.unpublished']);
    expect((await env.inject({ method: 'POST', url: '/api/v1/highlights/not-a-uuid/unpublish', account: s.central })).statusCode).toBe(404);
  });
});
