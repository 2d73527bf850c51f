// Plan B (#17): POST /report-packages — a regional (or central) account imports a report that an
// agent sent through WhatsApp as files. The endpoint checks the manifest's tag with the secret of
// the device that made it, every photo's sha256 and the scope, then stores the report exactly as
// the phone's own PUT would (same id, revision, content and protocol), audited as imported.
import type { FastifyInstance } from 'fastify';
import type { User } from '../../src/domain/api.ts';
import { PHOTO_MIME_TYPES } from '../../src/domain/limits.ts';
import { findMunicipality } from '../../src/domain/municipality.ts';
import { sniffImageType } from '../../src/domain/photo.ts';
import { validateSubmission } from '../../src/domain/report.ts';
import { parseManifest, verifyPackage } from '../../src/domain/report-package-verify.ts';
import { PackageImportRequestSchema, type PackageImportResponse } from '../../src/domain/report-package-api.ts';
import { userOf } from '../auth/authenticate.ts';
import { inScope, scopeOf } from '../auth/scope.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { refusalOf } from './reports.ts';
import { parseWithIssues } from './zod-issues.ts';

const names = (files: string[]) => files.map((f) => `“${f}”`).join(', ');

export async function reportPackageRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, limits, now, deviceSecrets } = ctx;

  api.post('/report-packages', { config: { roles: ['regional', 'central'] }, bodyLimit: limits.packageBodyBytes }, async (req, reply) => {
    const importer = userOf(req);
    const parsed = parseWithIssues(PackageImportRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Pacote inválido: envie o arquivo .txt e as fotos.', { issues: parsed.issues });
    const manifest = parseManifest(parsed.data.manifest);
    if (!manifest) throw new ApiError(422, 'package_invalid');

    const device = await deviceSecrets.device(manifest.deviceId, now());
    if (!device || device.user.role !== 'agent') throw new ApiError(422, 'device_unknown');
    const files = parsed.data.photos.map((p) => ({ name: p.name, bytes: new Uint8Array(Buffer.from(p.data, 'base64')) }));
    const check = await verifyPackage(manifest, { secret: device.secret, municipalityCode: device.user.municipalityCode ?? '' }, files);
    if (!check.ok) {
      if (check.code === 'package_photo_missing') {
        throw new ApiError(422, check.code, `Faltam fotos no pacote: ${names(check.files ?? [])}. Peça ao município que envie de novo todos os arquivos, como documento.`, { files: check.files });
      }
      if (check.code === 'package_photo_altered') {
        throw new ApiError(422, check.code, `Foto diferente da original: ${names(check.files ?? [])}. O WhatsApp altera fotos enviadas como imagem: peça ao município que envie os arquivos como documento.`, { files: check.files });
      }
      throw new ApiError(422, check.code);
    }
    const code = device.user.municipalityCode ?? '';
    if (!inScope(scopeOf(importer), code)) {
      const m = findMunicipality(code);
      throw new ApiError(403, 'package_out_of_scope',
        `Este relatório é de ${m?.name ?? code}, que não pertence à sua unidade regional. Ele deve ser importado pela regional de ${m?.regional ?? 'outra unidade'}.`);
    }
    if (device.revoked) throw new ApiError(403, 'device_revoked');

    const result = validateSubmission(check.submission, now());
    if (!result.success) throw new ApiError(422, 'invalid_report', undefined, { issues: result.issues });
    const s = result.data;
    s.id = s.id.toLowerCase();

    for (const [sha256, bytes] of check.photos) {
      const type = sniffImageType(bytes);
      if (!(PHOTO_MIME_TYPES as readonly string[]).includes(type)) throw new ApiError(415, 'unsupported_media_type', 'Um arquivo do pacote não é uma foto JPEG, WebP ou PNG.');
      if (bytes.length > limits.photoMaxBytes) throw new ApiError(413, 'too_large', 'Uma foto do pacote excede o limite de tamanho.');
      await store.photos.put({ sha256, mimeType: type, bytes: Buffer.from(bytes), userId: device.user.id, now: now() });
    }
    const agent: User = device.user;
    const r = await store.reports.put(s, agent, now(), { actor: importer, deviceId: manifest.deviceId });
    if (r.outcome !== 'created' && r.outcome !== 'repeat') throw refusalOf(r);
    const body: PackageImportResponse = { ...r.receipt, municipalityCode: s.municipalityCode, period: s.period, created: r.outcome === 'created' };
    return reply.code(r.outcome === 'created' ? 201 : 200).send(body);
  });
}
