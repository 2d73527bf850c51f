/**
 * Highlights ("destaques do mês"): an action of a received report chosen for the public pages.
 * The central level publishes; a regional unit may suggest. The public title and text are written
 * for the public (the report's own text is never published as is); photos need the image-use consent.
 */
import * as z from 'zod/mini';
import { SHA256_RE } from './photo';

export const HIGHLIGHT_LIMITS = { titleMin: 5, titleMax: 120, textMin: 20, textMax: 1200, photosMax: 6 } as const;

export const IMAGE_CONSENT_TEXT = 'As pessoas nas fotos autorizaram o uso de imagem';

/** POST /api/v1/highlights */
export const HighlightRequestSchema = z.strictObject({
  reportId: z.uuid({ error: 'relatório inválido' }),
  actionId: z.string().check(z.minLength(1), z.maxLength(100)),
  title: z.string().check(
    z.trim(),
    z.minLength(HIGHLIGHT_LIMITS.titleMin, { error: `o título público precisa de ao menos ${HIGHLIGHT_LIMITS.titleMin} caracteres` }),
    z.maxLength(HIGHLIGHT_LIMITS.titleMax, { error: `o título público pode ter até ${HIGHLIGHT_LIMITS.titleMax} caracteres` }),
  ),
  text: z.string().check(
    z.trim(),
    z.minLength(HIGHLIGHT_LIMITS.textMin, { error: `o texto público precisa de ao menos ${HIGHLIGHT_LIMITS.textMin} caracteres` }),
    z.maxLength(HIGHLIGHT_LIMITS.textMax, { error: `o texto público pode ter até ${HIGHLIGHT_LIMITS.textMax} caracteres` }),
  ),
  photos: z.array(z.string().check(z.regex(SHA256_RE, { error: 'foto inválida' }))).check(
    z.maxLength(HIGHLIGHT_LIMITS.photosMax, { error: `escolha até ${HIGHLIGHT_LIMITS.photosMax} fotos` }),
  ),
  /** "as pessoas nas fotos autorizaram o uso de imagem": required when photos are chosen */
  imageConsent: z.boolean(),
});
export type HighlightRequest = z.infer<typeof HighlightRequestSchema>;

export const HIGHLIGHT_STATUSES = ['suggested', 'published', 'unpublished'] as const;
export type HighlightStatus = (typeof HIGHLIGHT_STATUSES)[number];

export const HighlightSchema = z.object({
  id: z.string(),
  reportId: z.string(),
  actionId: z.string(),
  status: z.enum(HIGHLIGHT_STATUSES),
  title: z.string(),
  text: z.string(),
  municipalityCode: z.string(),
  period: z.string(),
  date: z.string(),
  actionType: z.string(),
  themes: z.array(z.string()),
  photos: z.array(z.string()),
  imageConsent: z.boolean(),
  /** public photo ids (published only) */
  publicPhotos: z.array(z.object({ publicId: z.string(), width: z.number(), height: z.number() })),
  updatedAt: z.string(),
  publishedAt: z.nullable(z.string()),
});
export type Highlight = z.infer<typeof HighlightSchema>;

export const HighlightListSchema = z.object({ highlights: z.array(HighlightSchema) });
export const HighlightResponseSchema = z.object({ highlight: HighlightSchema });
