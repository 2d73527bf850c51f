import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PhotosMissingRequestSchema, type PhotosMissingResponse } from '../../src/domain/api.ts';
import { PHOTO_MIME_TYPES } from '../../src/domain/limits.ts';
import { SHA256_RE, sniffImageType } from '../../src/domain/photo.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { parseWithIssues } from './zod-issues.ts';

const UPLOADERS = ['agent'] as const;

function shaParam(req: FastifyRequest): string {
  const sha = (req.params as { sha256: string }).sha256;
  if (!SHA256_RE.test(sha)) throw new ApiError(400, 'invalid_request', 'Identificador de foto inválido (sha256 em hexadecimal minúsculo).');
  return sha;
}

/** POST /photos/missing, HEAD/PUT/GET /photos/{sha256}: content-addressed photo storage. */
export async function photoRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, limits, now } = ctx;
  for (const type of PHOTO_MIME_TYPES) {
    api.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }

  // One round trip per report instead of a HEAD per photo: of up to 200 sha256, the ones not stored.
  api.post('/photos/missing', { config: { roles: UPLOADERS } }, async (req) => {
    const parsed = parseWithIssues(PhotosMissingRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Envie {"sha256": [...]} com 1 a 200 identificadores de foto (sha256).', { issues: parsed.issues });
    const body: PhotosMissingResponse = { missing: await store.photos.missing(parsed.data.sha256) };
    return body;
  });

  api.head('/photos/:sha256', { config: { roles: UPLOADERS } }, async (req, reply) => {
    return reply.code((await store.photos.has(shaParam(req))) ? 200 : 404).send();
  });

  const declaredType = (req: FastifyRequest) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  // Checked before the body is read: a JSON or text body never reaches a parser here.
  const imageOnly = async (req: FastifyRequest) => {
    if (!(PHOTO_MIME_TYPES as readonly string[]).includes(declaredType(req))) {
      throw new ApiError(415, 'unsupported_media_type', 'Envie a foto como image/jpeg, image/webp ou image/png.');
    }
  };

  api.put('/photos/:sha256', { config: { roles: UPLOADERS }, bodyLimit: limits.photoMaxBytes, onRequest: imageOnly }, async (req, reply) => {
    const sha = shaParam(req);
    const declared = declaredType(req);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const sniffed = sniffImageType(body);
    if (sniffed !== declared) {
      throw new ApiError(415, 'unsupported_media_type',
        sniffed === 'image/jpeg' || sniffed === 'image/png' || sniffed === 'image/webp'
          ? `O conteúdo é ${sniffed}, mas foi declarado como ${declared}.`
          : 'O arquivo não é uma foto JPEG, WebP ou PNG.');
    }
    if (createHash('sha256').update(body).digest('hex') !== sha) throw new ApiError(400, 'hash_mismatch');
    const { created } = await store.photos.put({ sha256: sha, mimeType: declared, bytes: body, userId: userOf(req).id, now: now() });
    return reply.code(created ? 201 : 200).send({ sha256: sha, byteSize: body.length, mimeType: declared });
  });

  api.get('/photos/:sha256', { exposeHeadRoute: false }, async (req, reply) => {
    const photo = await store.photos.get(shaParam(req), userOf(req));
    if (photo === undefined) throw new ApiError(404, 'not_found', 'Foto não encontrada.');
    if (photo === 'forbidden') throw new ApiError(403, 'forbidden', 'Você não tem permissão para ver esta foto.');
    return reply
      .type(photo.mimeType)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-disposition', 'inline')
      .send(photo.bytes);
  });
}
