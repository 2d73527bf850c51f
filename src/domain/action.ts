import * as z from 'zod/mini';
import { LIMITS } from './limits';
import { DATE_RE, isRealDate } from './period';
import { PhotoRefSchema } from './photo';
import { ACTION_TYPES, AUDIENCES, PARTNER_SECTORS, THEMES, ZONES, type Option } from './vocabulary';

const values = <V extends string>(list: readonly Option<V>[]) =>
  list.map((o) => o.value) as unknown as readonly [V, ...V[]];

export const ActionTypeSchema = z.enum(values(ACTION_TYPES), { error: 'escolha o tipo de ação' });
export const ThemeSchema = z.enum(values(THEMES), { error: 'tema desconhecido' });
export const AudienceSchema = z.enum(values(AUDIENCES), { error: 'público desconhecido' });
export const PartnerSectorSchema = z.enum(values(PARTNER_SECTORS), { error: 'escolha o setor do parceiro' });
export const ZoneSchema = z.enum(values(ZONES), { error: 'escolha zona urbana ou rural' });

export type ActionType = z.infer<typeof ActionTypeSchema>;
export type Theme = z.infer<typeof ThemeSchema>;
export type Audience = z.infer<typeof AudienceSchema>;
export type PartnerSector = z.infer<typeof PartnerSectorSchema>;
export type Zone = z.infer<typeof ZoneSchema>;

/** Trimmed text of at most `max` characters ("what" names the field in messages). */
export const text = (max: number, what: string) =>
  z.string({ error: `${what}: deve ser um texto` }).check(z.trim(), z.maxLength(max, { error: `${what}: no máximo ${max} caracteres` }));
/** Same, and not empty. */
export const required = (max: number, what: string) =>
  z.string({ error: `${what}: preencha este campo` }).check(
    z.trim(),
    z.minLength(1, { error: `${what}: preencha este campo` }),
    z.maxLength(max, { error: `${what}: no máximo ${max} caracteres` }),
  );

export const PartnerSchema = z.strictObject({
  name: required(LIMITS.shortTextChars, 'nome do parceiro'),
  sector: PartnerSectorSchema,
  /** the registry's partner (#16); absent on free-text partners (older reports) */
  partnerId: z.optional(z.uuid({ error: 'parceiro inválido' })),
});
export type Partner = z.infer<typeof PartnerSchema>;

/** One action as sent to the endpoint (the ready-to-send shape). Rules that need the report's
 * period or the clock live in report.ts. */
export const ActionSubmissionSchema = z
  .strictObject({
    id: z.uuid({ error: 'identificador da ação inválido' }),
    number: z.int({ error: 'número da ação inválido' }).check(z.gte(1), z.lte(LIMITS.actionsPerReport)),
    date: z.string({ error: 'informe a data' }).check(
      z.regex(DATE_RE, { error: 'informe a data (AAAA-MM-DD)' }),
      z.refine(isRealDate, { error: 'data inexistente' }),
    ),
    title: required(LIMITS.titleChars, 'título'),
    type: ActionTypeSchema,
    typeOther: z.optional(text(LIMITS.shortTextChars, 'descrição do tipo')),
    themes: z.array(ThemeSchema).check(z.minLength(1, { error: 'escolha pelo menos um tema' }), z.maxLength(THEMES.length)),
    themeOther: z.optional(text(LIMITS.shortTextChars, 'outro tema')),
    place: z.strictObject(
      {
        description: required(LIMITS.shortTextChars, 'local'),
        zone: ZoneSchema,
      },
      { error: 'informe o local' },
    ),
    audience: z.array(AudienceSchema).check(z.minLength(1, { error: 'escolha pelo menos um público' }), z.maxLength(AUDIENCES.length)),
    audienceOther: z.optional(text(LIMITS.shortTextChars, 'outro público')),
    participants: z.int({ error: 'informe o número de participantes (número inteiro)' }).check(
      z.gte(0, { error: 'o número de participantes não pode ser negativo' }),
      z.lte(LIMITS.participantsMax, { error: `no máximo ${LIMITS.participantsMax.toLocaleString('pt-BR')} participantes` }),
    ),
    partners: z.array(PartnerSchema).check(z.maxLength(LIMITS.partnersPerAction, { error: `no máximo ${LIMITS.partnersPerAction} parceiros` })),
    description: text(LIMITS.descriptionChars, 'descrição'),
    photos: z.array(PhotoRefSchema).check(
      z.minLength(1, { error: 'adicione pelo menos uma foto comprobatória' }),
      z.maxLength(LIMITS.photosPerAction, { error: `no máximo ${LIMITS.photosPerAction} fotos por ação` }),
    ),
  })
  .check(
    z.superRefine((a, ctx) => {
      const add = (path: PropertyKey[], message: string) => ctx.issues.push({ code: 'custom', path, message, input: a });
      if (a.type === 'outro' && !a.typeOther) add(['typeOther'], 'descreva o tipo de ação ("Outro")');
      if (a.themes.includes('outro') && !a.themeOther) add(['themeOther'], 'descreva o outro tema');
      if (a.audience.includes('outro') && !a.audienceOther) add(['audienceOther'], 'descreva o outro público');
      if (new Set(a.themes).size !== a.themes.length) add(['themes'], 'tema repetido');
      if (new Set(a.audience).size !== a.audience.length) add(['audience'], 'público repetido');
      const hashes = new Set<string>();
      a.photos.forEach((p, i) => {
        if (p.number !== i + 1) add(['photos', i, 'number'], `as fotos devem ser numeradas 1, 2, 3… (esperado ${i + 1})`);
        if (hashes.has(p.sha256)) add(['photos', i], 'a mesma foto aparece duas vezes nesta ação');
        hashes.add(p.sha256);
      });
    }),
  );
export type ActionSubmission = z.infer<typeof ActionSubmissionSchema>;

/** An action as kept on the phone while it is being written: anything may still be empty. */
export interface ActionDraft {
  id: string;
  reportId: string;
  number: number;
  date: string;
  title: string;
  type: ActionType | '';
  typeOther: string;
  themes: Theme[];
  themeOther: string;
  place: { description: string; zone: Zone | '' };
  audience: Audience[];
  audienceOther: string;
  /** null while the field is empty */
  participants: number | null;
  partners: { name: string; sector: PartnerSector | ''; partnerId?: string }[];
  description: string;
  createdAt: string;
  updatedAt: string;
}

export type ActionDraftFields = Omit<ActionDraft, 'id' | 'reportId' | 'number' | 'createdAt' | 'updatedAt'>;

export function emptyActionFields(): ActionDraftFields {
  return {
    date: '',
    title: '',
    type: '',
    typeOther: '',
    themes: [],
    themeOther: '',
    place: { description: '', zone: '' },
    audience: [],
    audienceOther: '',
    participants: null,
    partners: [],
    description: '',
  };
}

/** Field labels in pt-BR, used to point the ready-to-send problems at their field. */
export const ACTION_FIELD_LABELS: Record<string, string> = {
  date: 'Data',
  title: 'Título',
  type: 'Tipo de ação',
  typeOther: 'Descrição do tipo',
  themes: 'Temas',
  themeOther: 'Outro tema',
  place: 'Local',
  audience: 'Público',
  audienceOther: 'Outro público',
  participants: 'Participantes',
  partners: 'Parceiros',
  description: 'Descrição',
  photos: 'Fotos',
};
