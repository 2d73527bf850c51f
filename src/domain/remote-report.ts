// A municipality's report as the endpoint holds it, turned into the phone's rows (issue #12: the
// municipality's reports follow the agent to any phone). zod/mini and no municipality data, so the
// service worker can run it during a status pull.
import * as z from 'zod/mini';
import type { ActionDraft } from './action';
import type { PhotoRecord } from './photo';
import type { ReportDraft } from './report';

const str = z.optional(z.string());
const RemotePhotoSchema = z.looseObject({
  sha256: z.string(), number: z.number(), caption: str, takenAt: str,
  lat: z.optional(z.number()), lon: z.optional(z.number()),
  mimeType: z.enum(['image/jpeg', 'image/webp', 'image/png']),
  byteSize: z.number(), width: z.number(), height: z.number(),
});
const RemoteActionSchema = z.looseObject({
  id: z.string(), number: z.number(), date: z.string(), title: z.string(), type: z.string(), typeOther: str,
  themes: z.array(z.string()), themeOther: str,
  place: z.object({ description: z.string(), zone: z.string() }),
  audience: z.array(z.string()), audienceOther: str,
  participants: z.optional(z.nullable(z.number())),
  partners: z.array(z.object({ name: z.string(), sector: z.string(), partnerId: z.optional(z.string()) })),
  description: z.string(),
  photos: z.array(RemotePhotoSchema),
});
/** The submission inside GET /reports/{id} and /municipalities/{code}/reports (validated at PUT). */
export const RemoteSubmissionSchema = z.looseObject({
  id: z.string(), revision: z.number(), municipalityCode: z.string(), period: z.string(),
  responsible: z.looseObject({ name: z.string(), role: str, phone: str, email: str }),
  actions: z.array(RemoteActionSchema),
  notes: str, noActionsJustification: str,
});
export type RemoteSubmission = z.infer<typeof RemoteSubmissionSchema>;

/** A photo row whose bytes are still on the endpoint (fetched when the report is opened). */
export type RemotePhotoRow = Omit<PhotoRecord, 'blob' | 'thumb'> & { blob?: Blob; thumb?: Blob };

export interface LocalRows {
  actions: ActionDraft[];
  photos: RemotePhotoRow[];
}

/**
 * The actions and photo rows of a downloaded submission, under `reportId`, numbered from
 * `firstNumber` (1 for a downloaded report; after the local actions when merging).
 */
export function rowsOfSubmission(s: RemoteSubmission, reportId: string, at: string, firstNumber = 1): LocalRows {
  const actions: ActionDraft[] = [];
  const photos: RemotePhotoRow[] = [];
  [...s.actions].sort((a, b) => a.number - b.number).forEach((a, i) => {
    actions.push({
      id: a.id, reportId, number: firstNumber + i, date: a.date, title: a.title,
      type: a.type as ActionDraft['type'], typeOther: a.typeOther ?? '',
      themes: a.themes as ActionDraft['themes'], themeOther: a.themeOther ?? '',
      place: { description: a.place.description, zone: a.place.zone as ActionDraft['place']['zone'] },
      audience: a.audience as ActionDraft['audience'], audienceOther: a.audienceOther ?? '',
      participants: a.participants ?? null,
      partners: a.partners.map((p) => ({ name: p.name, sector: p.sector as ActionDraft['partners'][number]['sector'], ...(p.partnerId ? { partnerId: p.partnerId } : {}) })),
      description: a.description, createdAt: at, updatedAt: at,
    });
    for (const p of a.photos) {
      photos.push({
        id: `${a.id}:${p.sha256}`, actionId: a.id, reportId, number: p.number, caption: p.caption ?? '', sha256: p.sha256,
        mimeType: p.mimeType, byteSize: p.byteSize, width: p.width, height: p.height, takenAt: p.takenAt, lat: p.lat, lon: p.lon,
        fileName: p.sha256, fileSize: p.byteSize, createdAt: at,
      });
    }
  });
  return { actions, photos };
}

/** The report row's header fields from a downloaded submission. */
export function headerOfSubmission(s: RemoteSubmission): Pick<ReportDraft, 'responsible' | 'notes' | 'noActionsJustification'> {
  return {
    responsible: { name: s.responsible.name, role: s.responsible.role ?? '', phone: s.responsible.phone ?? '', email: s.responsible.email ?? '' },
    notes: s.notes ?? '',
    noActionsJustification: s.noActionsJustification ?? '',
  };
}

/** The marks of a return: the marked actions' ids with their updatedAt now (to spot unchanged ones). */
export function marksOf(actions: readonly ActionDraft[], numbers: readonly number[] | undefined, at: string): ReportDraft['marks'] {
  if (!numbers?.length) return undefined;
  const marked = actions.filter((a) => numbers.includes(a.number));
  return { at, actions: Object.fromEntries(marked.map((a) => [a.id, a.updatedAt])) };
}

/** Marked actions the agent has not changed since the return (a reminder, not a block). */
export function unchangedMarked(report: Pick<ReportDraft, 'marks'>, actions: readonly ActionDraft[]): ActionDraft[] {
  const marks = report.marks?.actions ?? {};
  return actions.filter((a) => a.id in marks && a.updatedAt === marks[a.id]);
}
