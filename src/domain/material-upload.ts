/**
 * Upload rules of campaign materials (#16), for the endpoint: sniffing (the declared type and the
 * file name's extension are ignored), the metadata schema (a piece's campaign must be one of its
 * month's in the calendar) and the download name.
 */
import * as z from 'zod/mini';
import { campaignsOfMonth } from './campaigns';
import { MATERIAL_KINDS, MATERIAL_LIMITS, WORKSHOPS, type MaterialType } from './material';
import { PERIOD_RE } from './period';
import { sniffImageType } from './photo';

/** Extension given to the download name, whatever the uploaded name said. */
export const MATERIAL_EXTENSION: Record<MaterialType, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf',
};

/** The type the bytes really are (magic numbers), or undefined when not an image/PDF we take. */
export function sniffMaterialType(b: Uint8Array): MaterialType | undefined {
  // %PDF- (readers accept it within the first 1024 bytes; we only take it at the start)
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf';
  const t = sniffImageType(b);
  return t === 'image/jpeg' || t === 'image/png' || t === 'image/webp' ? t : undefined;
}

const title = z.string().check(
  z.trim(),
  z.minLength(MATERIAL_LIMITS.titleMin, { error: `o título precisa de ao menos ${MATERIAL_LIMITS.titleMin} caracteres` }),
  z.maxLength(MATERIAL_LIMITS.titleMax, { error: `o título pode ter até ${MATERIAL_LIMITS.titleMax} caracteres` }),
);

/**
 * Metadata of an upload (POST /materials: the query of a file upload, or the JSON body of a
 * text-only tutorial). A piece needs a month and one of that month's campaigns; a tutorial a
 * workshop. `steps` only in the JSON body (a tutorial without a file).
 */
export const MaterialMetaSchema = z.strictObject({
  kind: z.enum(MATERIAL_KINDS, { error: 'tipo de material inválido (peça ou tutorial)' }),
  title,
  month: z.optional(z.string().check(z.regex(PERIOD_RE, { error: 'mês inválido (AAAA-MM)' }))),
  campaign: z.optional(z.string().check(z.maxLength(200))),
  workshop: z.optional(z.enum(WORKSHOPS, { error: 'oficina inválida' })),
  fileName: z.optional(z.string().check(z.trim(), z.maxLength(MATERIAL_LIMITS.fileNameMax, { error: 'nome de arquivo longo demais' }))),
  steps: z.optional(z.string().check(
    z.trim(),
    z.maxLength(MATERIAL_LIMITS.stepsMax, { error: `os passos podem ter até ${MATERIAL_LIMITS.stepsMax} caracteres` }),
  )),
}).check(
  z.refine((m) => m.kind !== 'piece' || !!m.month, { error: 'informe o mês da peça', path: ['month'] }),
  z.refine((m) => m.kind !== 'piece' || !m.month || campaignsOfMonth(Number(m.month.slice(5))).some((c) => c.name === m.campaign), {
    error: 'escolha uma campanha do calendário deste mês', path: ['campaign'],
  }),
  z.refine((m) => m.kind !== 'tutorial' || !!m.workshop, { error: 'escolha a oficina do tutorial', path: ['workshop'] }),
  z.refine((m) => m.kind !== 'piece' || !m.steps, { error: 'passos em texto são só para tutoriais', path: ['steps'] }),
);
export type MaterialMeta = z.infer<typeof MaterialMetaSchema>;

/** "cartaz.pdf" from an uploaded name: no path, no control or quote characters, our extension. */
export function materialFileName(name: string | undefined, type: MaterialType, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').replace(/\.[^.]*$/, '').trim().slice(0, 100);
  return `${base || fallback}.${MATERIAL_EXTENSION[type]}`;
}
