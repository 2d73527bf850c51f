// Plan B (#17): a queued report travels as files through WhatsApp — its photos ("Foto 1.1.jpg"…)
// and a .txt manifest with the frozen submission, each photo's sha256, the device id and an
// HMAC-SHA-256 tag made with the secret the endpoint issued to this device at sign-in. The phone
// builds the manifest (this file, WebCrypto only); the endpoint parses and verifies it with the
// same canonical text and tag (report-package-verify.ts).
import { photoLabel } from './photo';

/** First line of the canonical text and `format` of the manifest. */
export const PACKAGE_FORMAT = 'mobiliza-pacote/1';
/** The manifest's data line follows this line (the lines before it are for people). */
export const PACKAGE_MARKER = '-----MOBILIZA-----';

/** The manifest's data line (the schema that parses it is in report-package-verify.ts). */
export interface PackagePhoto { file: string; sha256: string }
export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  deviceId: string;
  /** the outbox row's body, character for character: the PUT the phone will send later */
  body: string;
  photos: PackagePhoto[];
  tag: string;
}

/** Why a package is refused (the endpoint's error codes; texts in the endpoint and src/ui/messages.ts). */
export type PackageRefusal =
  | 'package_invalid'
  | 'package_tampered'
  | 'package_wrong_municipality'
  | 'package_photo_missing'
  | 'package_photo_altered';

interface PhotoLike { sha256: string; number: number; mimeType?: string }
export interface SubmissionLike { municipalityCode: string; actions: { number: number; photos: PhotoLike[] }[] }

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** "Foto 1.2.jpg": the photo's label and an extension for its type. */
export const photoFileName = (actionNumber: number, p: PhotoLike): string =>
  `${photoLabel(actionNumber, p.number)}.${EXTENSION[p.mimeType ?? ''] ?? 'jpg'}`;

/** Every photo of a submission with its file name, in report order. */
export const packagePhotos = (s: SubmissionLike): PackagePhoto[] =>
  s.actions.flatMap((a) => a.photos.map((p) => ({ file: photoFileName(a.number, p), sha256: p.sha256 })));

/**
 * The text the tag covers: one field per line, in a fixed order. The body is JSON.stringify
 * output, so it holds no line break; file names may not contain one either.
 */
export function signingText(m: Omit<PackageManifest, 'tag'>): string {
  return [m.format, `device ${m.deviceId}`, ...m.photos.map((p) => `photo ${p.sha256} ${p.file}`), `body ${m.body}`].join('\n');
}

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

export async function sha256Of(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** The device secret as the endpoint hands it out (base64url) → bytes. */
export function secretBytes(secret: string): Uint8Array {
  const b = atob(secret.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

/** The hex HMAC-SHA-256 of the manifest's canonical text with the device secret. */
export async function tagOf(m: Omit<PackageManifest, 'tag'>, secret: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingText(m))));
}

/**
 * The .txt manifest of a queued report: `header` (lines for the people who see the file), the
 * marker, then the manifest as one JSON line.
 */
export async function buildManifest(input: { deviceId: string; secret: Uint8Array; body: string }, header: string): Promise<string> {
  const fields = { format: PACKAGE_FORMAT, deviceId: input.deviceId, body: input.body, photos: packagePhotos(JSON.parse(input.body)) } as const;
  const manifest: PackageManifest = { ...fields, tag: await tagOf(fields, input.secret) };
  return `${header.trim()}\n\n${PACKAGE_MARKER}\n${JSON.stringify(manifest)}\n`;
}
