/**
 * Campaign materials (#16): "peças digitais" that central uploads for a campaign of the calendar
 * and month, and the workshop tutorials (capacitação, reciclagem de resíduos, teatro). A tutorial
 * is a file (PDF or image) or short text steps — plain text, one step per line, never HTML.
 * What the phone needs (list, limits, types); the upload rules are in material-upload.ts, which
 * only the endpoint imports (they carry the campaign calendar).
 */
import * as z from 'zod/mini';

/** Largest file the endpoint accepts (bytes). */
export const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;
export const MATERIAL_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];
export const MATERIAL_KINDS = ['piece', 'tutorial'] as const;
export const WORKSHOPS = ['capacitacao', 'reciclagem', 'teatro'] as const;
export const MATERIAL_LIMITS = { titleMin: 3, titleMax: 120, stepsMax: 4000, fileNameMax: 120 } as const;

export const MaterialSchema = z.object({
  id: z.string(),
  kind: z.enum(MATERIAL_KINDS),
  title: z.string(),
  month: z.nullable(z.string()),
  campaign: z.nullable(z.string()),
  workshop: z.nullable(z.enum(WORKSHOPS)),
  steps: z.nullable(z.string()),
  /** null for a text-only tutorial */
  fileName: z.nullable(z.string()),
  mimeType: z.nullable(z.enum(MATERIAL_TYPES)),
  byteSize: z.number(),
  sha256: z.nullable(z.string()),
  createdAt: z.string(),
});
export type Material = z.infer<typeof MaterialSchema>;

/** The phone's copy (Dexie row): the listed metadata, and the bytes when kept offline. */
export interface MaterialRecord extends Material {
  blob?: Blob;
}

/** The phone keeps at most this much for offline use, and only while this much stays free. */
export const MATERIALS_OFFLINE = { budgetBytes: 60 * 1024 * 1024, reserveBytes: 100 * 1024 * 1024 } as const;

/** GET /materials?month=YYYY-MM: the month's pieces and every tutorial. */
export const MaterialListSchema = z.object({ month: z.string(), materials: z.array(MaterialSchema) });
export type MaterialList = z.infer<typeof MaterialListSchema>;
