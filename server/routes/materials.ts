import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { MATERIAL_MAX_BYTES } from '../../src/domain/material.ts';
import { MaterialMetaSchema, materialFileName, sniffMaterialType, type MaterialMeta } from '../../src/domain/material-upload.ts';
import { PERIOD_RE, periodOfDate, shiftPeriod } from '../../src/domain/period.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import type { MaterialFile } from '../store/materials-store.ts';
import { parseWithIssues } from './zod-issues.ts';

const ListQuery = z.strictObject({ month: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }))) });
const MaterialId = z.uuid();
/** A piece may be prepared a year ahead, or added to a past month of the last year. */
const MONTHS_AROUND = 12;

function invalid(issues: { path: string; message: string }[]): never {
  throw new ApiError(422, 'invalid_material', undefined, { issues });
}

function idParam(req: FastifyRequest): string {
  const id = MaterialId.safeParse((req.params as { id: string }).id);
  if (!id.success) throw new ApiError(404, 'not_found', 'Material não encontrado.');
  return id.data;
}

/** `inline; filename="cartaz-outubro.pdf"; filename*=UTF-8''…` (ASCII fallback without accents). */
export function contentDisposition(name: string, kind: 'inline' | 'attachment' = 'inline'): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored material file with its sniffed type. The bytes of an id never change (a new
 * upload is a new id), so they are cached for a year; `nosniff` (helmet) and a sandboxing CSP keep
 * a crafted file from running as a page.
 */
export function sendMaterialFile(req: FastifyRequest, reply: FastifyReply, file: MaterialFile, cacheControl: string) {
  const etag = `"${file.sha256}"`;
  reply.header('cache-control', cacheControl).header('etag', etag)
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const download = (req.query as { baixar?: string }).baixar !== undefined;
  return reply.type(file.mimeType).header('content-disposition', contentDisposition(file.fileName, download ? 'attachment' : 'inline')).send(file.bytes);
}

/** GET/POST/DELETE /materials: campaign pieces and workshop tutorials (#16). */
export async function materialRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  // Own scope: the file upload takes any declared type as raw bytes (the type is sniffed).
  await api.register(async (m) => {
    m.removeContentTypeParser('text/plain');
    m.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MATERIAL_MAX_BYTES }, (_req, body, done) => done(null, body));

    m.get('/materials', async (req, reply) => {
      const q = parseWithIssues(ListQuery, req.query);
      if (!q.success) throw new ApiError(400, 'invalid_request', 'Filtro inválido.', { issues: q.issues });
      const month = q.data.month ?? periodOfDate(ctx.now());
      reply.header('cache-control', 'no-store');
      return { month, materials: await ctx.store.materials.list(month) };
    });

    m.post('/materials', { config: { roles: ['central'] }, bodyLimit: MATERIAL_MAX_BYTES }, async (req, reply) => {
      const now = ctx.now();
      const isJson = !Buffer.isBuffer(req.body);
      // A file: metadata in the query. No file: a text-only tutorial, metadata in the JSON body.
      const parsed = parseWithIssues(MaterialMetaSchema, isJson ? req.body : req.query);
      if (!parsed.success) invalid(parsed.issues);
      const meta: MaterialMeta = parsed.data;
      const current = periodOfDate(now);
      if (meta.kind === 'piece' && meta.month && (meta.month < shiftPeriod(current, -MONTHS_AROUND) || meta.month > shiftPeriod(current, MONTHS_AROUND))) {
        invalid([{ path: 'month', message: `o mês deve estar nos ${MONTHS_AROUND} meses antes ou depois do atual` }]);
      }
      let file: Omit<MaterialFile, 'sha256'> | undefined;
      if (isJson) {
        if (meta.kind !== 'tutorial' || !meta.steps) invalid([{ path: 'steps', message: 'envie o arquivo da peça, ou os passos do tutorial' }]);
      } else {
        if (meta.steps) invalid([{ path: 'steps', message: 'passos em texto vão num tutorial sem arquivo' }]);
        const bytes = req.body as Buffer;
        const mimeType = sniffMaterialType(bytes);
        if (!mimeType) throw new ApiError(415, 'unsupported_media_type', 'O arquivo não é uma imagem JPEG, PNG ou WebP nem um PDF.');
        file = { mimeType, bytes, fileName: materialFileName(meta.fileName, mimeType, meta.kind === 'piece' ? 'peca' : 'tutorial') };
      }
      const material = await ctx.store.materials.create(meta, file, userOf(req).id, now);
      return reply.code(201).send({ material });
    });

    m.get('/materials/:id/file', { exposeHeadRoute: false }, async (req, reply) => {
      const file = await ctx.store.materials.file(idParam(req));
      if (!file) throw new ApiError(404, 'not_found', 'Material não encontrado.');
      return sendMaterialFile(req, reply, file, 'private, max-age=31536000, immutable');
    });

    m.delete('/materials/:id', { config: { roles: ['central'] } }, async (req, reply) => {
      if (!(await ctx.store.materials.delete(idParam(req), userOf(req).id, ctx.now()))) throw new ApiError(404, 'not_found', 'Material não encontrado.');
      return reply.code(204).send();
    });
  });
}
