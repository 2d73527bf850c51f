// Plan B (#17), the endpoint's side of the manifest: parsing the .txt and verifying a package
// against the device that made it. Kept apart from report-package.ts so the phone's bundle carries
// only what builds a manifest.
import * as z from 'zod/mini';
import { LIMITS } from './limits';
import { SHA256_RE } from './photo';
import {
  PACKAGE_FORMAT, PACKAGE_MARKER, packagePhotos, sha256Of, tagOf,
  type PackageManifest, type PackageRefusal, type SubmissionLike,
} from './report-package';

const HEX64 = z.string().check(z.regex(SHA256_RE));

export const PackagePhotoSchema = z.strictObject({
  file: z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[^\r\n/\\]+$/)),
  sha256: HEX64,
});

export const PackageManifestSchema: z.ZodMiniType<PackageManifest> = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  deviceId: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
  /** the outbox row's body, character for character: the PUT the phone will send later */
  body: z.string().check(z.minLength(2), z.maxLength(LIMITS.reportMaxBytes)),
  photos: z.array(PackagePhotoSchema).check(z.maxLength(LIMITS.actionsPerReport * LIMITS.photosPerAction)),
  tag: HEX64,
});

/** The manifest in a .txt file, or undefined when the file is not one (or was cut or edited into shape). */
export function parseManifest(text: string): PackageManifest | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === PACKAGE_MARKER);
  if (at < 0) return undefined;
  try {
    const r = PackageManifestSchema.safeParse(JSON.parse(lines[at + 1] ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export type PackageCheck =
  | { ok: true; submission: unknown; photos: Map<string, Uint8Array> }
  | { ok: false; code: PackageRefusal; files?: string[] };

/**
 * Verifies a parsed manifest against the device that made it (its secret and its account's
 * municipality) and the files picked with it: the tag, that the body is this municipality's
 * report with exactly the listed photos, and every photo's bytes. Schema rules of the submission
 * itself are the caller's (the endpoint runs validateSubmission as for a PUT).
 */
export async function verifyPackage(
  m: PackageManifest,
  device: { secret: Uint8Array; municipalityCode: string },
  files: { name: string; bytes: Uint8Array }[],
): Promise<PackageCheck> {
  const { tag, ...fields } = m;
  const expected = await tagOf(fields, device.secret);
  let diff = expected.length ^ tag.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ tag.charCodeAt(i);
  if (diff !== 0) return { ok: false, code: 'package_tampered' };

  let submission: SubmissionLike;
  try {
    submission = JSON.parse(m.body);
    if (!Array.isArray(submission?.actions)) return { ok: false, code: 'package_invalid' };
    const listed = packagePhotos(submission);
    if (JSON.stringify(listed) !== JSON.stringify(m.photos)) return { ok: false, code: 'package_invalid' };
  } catch {
    return { ok: false, code: 'package_invalid' };
  }
  if (submission.municipalityCode !== device.municipalityCode) return { ok: false, code: 'package_wrong_municipality' };

  const bySha = new Map<string, Uint8Array>();
  const byName = new Map<string, string>();
  for (const f of files) {
    const sha = await sha256Of(f.bytes);
    bySha.set(sha, f.bytes);
    byName.set(f.name, sha);
  }
  const photos = new Map<string, Uint8Array>();
  const missing: string[] = [];
  const altered: string[] = [];
  for (const p of m.photos) {
    const bytes = bySha.get(p.sha256);
    if (bytes) photos.set(p.sha256, bytes);
    else (byName.has(p.file) ? altered : missing).push(p.file);
  }
  if (altered.length) return { ok: false, code: 'package_photo_altered', files: altered };
  if (missing.length) return { ok: false, code: 'package_photo_missing', files: missing };
  return { ok: true, submission, photos };
}
