// Campaign materials (#16) on both stores: sniffing (not the extension, not the Content-Type),
// size limit, roles, campaign/month scope, audited upload and delete, the headers a file is served
// with, and the public page (tutorial text rendered as text).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MATERIAL_MAX_BYTES } from '../../src/domain/material.ts';
import { DRIVERS, fakeImage, sha256, useEndpoint, type Account } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

const pdf = (size = 30_000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const NOVEMBER = { kind: 'piece', title: 'Cartaz Novembro Azul', month: '2026-11', campaign: 'Novembro Azul' };

describe.each(DRIVERS)('materials on %s', (kind) => {
  const env = useEndpoint(kind);
  const central = () => env.account('sesmg', 'central');
  const upload = (account: Account, bytes: Buffer, meta: Record<string, string> = NOVEMBER, contentType = 'application/octet-stream') =>
    env.inject({ method: 'POST', url: `/api/v1/materials?${new URLSearchParams(meta)}`, account, payload: bytes, headers: { 'content-type': contentType } });

  it('stores a PDF piece, lists it for an agent and serves it with its type, name, caching and nosniff; audited', async () => {
    const c = await central();
    const bytes = pdf();
    const res = await upload(c, bytes, { ...NOVEMBER, fileName: 'cartaz novembro azul.pdf' }, 'application/pdf');
    expect(res.statusCode).toBe(201);
    const m = res.json().material;
    expect(m).toMatchObject({ kind: 'piece', month: '2026-11', campaign: 'Novembro Azul', mimeType: 'application/pdf', byteSize: bytes.length, sha256: sha256(bytes), fileName: 'cartaz novembro azul.pdf' });

    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const list = await env.inject({ method: 'GET', url: '/api/v1/materials', account: ana }); // default month: NOW's
    expect(list.json()).toEqual({ month: '2026-11', materials: [m] });
    expect((await env.inject({ method: 'GET', url: '/api/v1/materials?month=2026-10', account: ana })).json().materials).toEqual([]);

    const file = await env.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/file`, account: ana });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`inline; filename="cartaz novembro azul.pdf"; filename*=UTF-8''cartaz%20novembro%20azul.pdf`);
    expect(file.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    const again = await env.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/file`, account: ana, headers: { 'if-none-match': file.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect((await env.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/file?baixar`, account: ana })).headers['content-disposition']).toMatch(/^attachment; /);
    expect((await auditOf(env.store, 'material', m.id)).map((a) => [a.action, a.actorId])).toEqual([['material.uploaded', c.user.id]]);
  });

  it('a PDF renamed .jpg and sent as image/jpeg is stored and served as a PDF named .pdf', async () => {
    const c = await central();
    const res = await upload(c, pdf(), { ...NOVEMBER, fileName: 'Outubro Rosa – cartaz.jpg' }, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    expect(res.json().material).toMatchObject({ mimeType: 'application/pdf', fileName: 'Outubro Rosa – cartaz.pdf' });
    const file = await env.inject({ method: 'GET', url: `/api/v1/materials/${res.json().material.id}/file`, account: c });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(`filename="Outubro Rosa _ cartaz.pdf"`);
  });

  it('refuses an HTML file named .png, an executable named .pdf and a text body, whatever they declare (415); nothing stored', async () => {
    const c = await central();
    const htmlFile = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), randomBytes(4000)]);
    const mz = Buffer.concat([Buffer.from('MZ'), randomBytes(4000)]);
    for (const [bytes, name, type] of [[htmlFile, 'peca.png', 'image/png'], [elf, 'peca.pdf', 'application/pdf'], [mz, 'setup.pdf', 'application/pdf'], [htmlFile, 'a.txt', 'text/plain'], [htmlFile, 'a.html', 'text/html']] as const) {
      const res = await upload(c, bytes, { ...NOVEMBER, fileName: name }, type);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    expect((await env.inject({ method: 'GET', url: '/api/v1/materials?month=2026-11', account: c })).json().materials).toEqual([]);
  });

  it('takes images (JPEG, PNG, WebP) and exactly 10 MB; refuses 10 MB + 1 byte (413)', async () => {
    const c = await central();
    for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
      const res = await upload(c, fakeImage({ type }).bytes, { ...NOVEMBER, fileName: 'x' });
      expect(res.json().material.mimeType).toBe(type);
    }
    expect((await upload(c, fakeImage({ size: MATERIAL_MAX_BYTES }).bytes)).statusCode).toBe(201);
    const over = await upload(c, fakeImage({ size: MATERIAL_MAX_BYTES + 1 }).bytes);
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toEqual({ code: 'too_large', message: 'O arquivo excede o limite de 10 MB.' });
  });

  it('only central uploads and deletes (agents and regional units → 403); everyone signed in reads; no token → 401', async () => {
    const c = await central();
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const reg = await env.account('bh', 'regional', { regional: 'Belo Horizonte' });
    for (const who of [ana, reg]) expect((await upload(who, pdf())).statusCode).toBe(403);
    const id = (await upload(c, pdf())).json().material.id;
    for (const who of [ana, reg]) {
      expect((await env.inject({ method: 'DELETE', url: `/api/v1/materials/${id}`, account: who })).statusCode).toBe(403);
      expect((await env.inject({ method: 'GET', url: `/api/v1/materials/${id}/file`, account: who })).statusCode).toBe(200);
    }
    expect((await env.inject({ method: 'GET', url: '/api/v1/materials' })).statusCode).toBe(401);
    expect((await env.inject({ method: 'GET', url: `/api/v1/materials/${id}/file` })).statusCode).toBe(401);
  });

  it('refuses a campaign not of that month, a month out of range and bad metadata (422 invalid_material with issues)', async () => {
    const c = await central();
    const cases: [Record<string, string>, string][] = [
      [{ ...NOVEMBER, campaign: 'Outubro Rosa' }, 'campaign'],
      [{ ...NOVEMBER, campaign: 'Campanha inventada' }, 'campaign'],
      [{ ...NOVEMBER, month: '2028-11' }, 'month'],
      [{ ...NOVEMBER, month: '2026-13' }, 'month'],
      [{ ...NOVEMBER, title: 'x' }, 'title'],
      [{ kind: 'tutorial', title: 'Teatro de rua' }, 'workshop'],
      [{ ...NOVEMBER, extra: '1' }, ''],
    ];
    for (const [meta, path] of cases) {
      const res = await upload(c, pdf(), meta);
      expect(res.statusCode, JSON.stringify(meta)).toBe(422);
      expect(res.json().error.code).toBe('invalid_material');
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('a tutorial is a file, or text steps sent as JSON; tutorials are listed in every month', async () => {
    const c = await central();
    const file = await upload(c, pdf(), { kind: 'tutorial', title: 'Oficina de reciclagem', workshop: 'reciclagem', fileName: 'reciclagem.pdf' });
    expect(file.statusCode).toBe(201);
    const text = await env.inject({ method: 'POST', url: '/api/v1/materials', account: c, json: { kind: 'tutorial', title: 'Teatro na praça', workshop: 'teatro', steps: '1. Aquecimento\n2. Cena' } });
    expect(text.statusCode).toBe(201);
    expect(text.json().material).toMatchObject({ kind: 'tutorial', workshop: 'teatro', steps: '1. Aquecimento\n2. Cena', fileName: null, mimeType: null, byteSize: 0 });
    const empty = await env.inject({ method: 'POST', url: '/api/v1/materials', account: c, json: { kind: 'tutorial', title: 'Sem nada', workshop: 'teatro' } });
    expect(empty.statusCode).toBe(422);
    const list = (await env.inject({ method: 'GET', url: '/api/v1/materials?month=2027-03', account: c })).json().materials;
    expect(list.map((m: { title: string }) => m.title).sort()).toEqual(['Oficina de reciclagem', 'Teatro na praça']);
  });

  it('DELETE takes the piece down (list, file and public URL answer 404), keeps the row and audits it', async () => {
    const c = await central();
    const id = (await upload(c, pdf())).json().material.id;
    const del = await env.inject({ method: 'DELETE', url: `/api/v1/materials/${id}`, account: c });
    expect(del.statusCode).toBe(204);
    expect((await env.inject({ method: 'DELETE', url: `/api/v1/materials/${id}`, account: c })).statusCode).toBe(404);
    expect((await env.inject({ method: 'GET', url: `/api/v1/materials/${id}/file`, account: c })).statusCode).toBe(404);
    expect((await env.inject({ method: 'GET', url: `/publico/materiais/${id}/peca.pdf` })).statusCode).toBe(404);
    expect((await env.inject({ method: 'GET', url: '/api/v1/materials', account: c })).json().materials).toEqual([]);
    const { rows } = await env.store.driver.query<{ bytes: Buffer | null }>('SELECT bytes FROM materials WHERE id = $1', [id]);
    expect(rows).toEqual([{ bytes: null }]);
    expect((await auditOf(env.store, 'material', id)).map((a) => a.action)).toEqual(['material.uploaded', 'material.deleted']);
    expect((await env.inject({ method: 'DELETE', url: '/api/v1/materials/not-an-id', account: c })).statusCode).toBe(404);
  });

  it('the public page lists the month\'s pieces and the tutorials; steps with <script> and javascript: links show as text', async () => {
    const c = await central();
    const piece = (await upload(c, fakeImage().bytes, { ...NOVEMBER, fileName: 'cartaz.jpg' })).json().material;
    await upload(c, pdf(), { kind: 'piece', title: 'Peça de outubro', month: '2026-10', campaign: 'Outubro Rosa' });
    const steps = '<script>alert(1)</script>\n[clique](javascript:alert(2))\n<a href="javascript:alert(3)">link</a>';
    await env.inject({ method: 'POST', url: '/api/v1/materials', account: c, json: { kind: 'tutorial', title: 'Capacitação <b>agentes</b>', workshop: 'capacitacao', steps } });
    const res = await env.inject({ method: 'GET', url: '/publico/materiais' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('Cartaz Novembro Azul');
    expect(body).not.toContain('Peça de outubro');
    expect(body).toContain(`/publico/materiais/${piece.id}/cartaz.jpg`);
    expect(body).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(body).toContain('<li>[clique](javascript:alert(2))</li>');
    expect(body).toContain('&lt;a href=&quot;javascript:alert(3)&quot;&gt;link&lt;/a&gt;');
    expect(body).toContain('Capacitação &lt;b&gt;agentes&lt;/b&gt;');
    expect(body).not.toMatch(/<script|href="javascript:|<b>/);
    const file = await env.inject({ method: 'GET', url: `/publico/materiais/${piece.id}/cartaz.jpg` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['cache-control']).toBe('public, max-age=3600');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });
});
