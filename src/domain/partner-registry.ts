// The partner registry (#16) as the endpoint, the reviewer console and the public sign-up see it:
// statuses, the sign-up form, the listed record. Never in the agent's bundle (review chunk).
import * as z from 'zod/mini';
import { PartnerHistoryItemSchema, partnerFields } from './partner';
import { PARTNER_KINDS, type Option } from './vocabulary';

export const PARTNER_STATUSES = ['active', 'pending', 'merged', 'rejected'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** "Seja um Parceiro da Saúde": the public form, as the endpoint parses it (the honeypot is checked before). */
export const PARTNER_SIGNUP_PURPOSE =
  'Seus dados serão usados pela Secretaria de Estado de Saúde de Minas Gerais (SES-MG) somente para cadastrá-lo como Parceiro da Saúde e enviar informações, campanhas e peças digitais para compartilhar, conforme a Lei Geral de Proteção de Dados (Lei 13.709/2018). Você pode pedir a exclusão a qualquer momento.';
export const PartnerSignupSchema = z.strictObject({
  ...partnerFields,
  municipalityCode: z.string({ error: 'escolha o município' }).check(z.regex(/^\d{7}$/, { error: 'escolha o município' })),
  consent: z.literal(true, { error: 'é preciso concordar com o uso dos dados' }),
});
export type PartnerSignup = z.infer<typeof PartnerSignupSchema>;

/** A partner as the endpoint lists it. Contact fields are absent when the caller may not see them. */
export const PartnerRecordSchema = z.object({
  id: z.string(),
  municipalityCode: z.nullable(z.string()),
  name: z.string(),
  kind: z.string(),
  governmental: z.boolean(),
  sector: z.string(),
  status: z.enum(PARTNER_STATUSES),
  campaigns: z.boolean(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  social: z.optional(z.string()),
  source: z.string(),
  updatedAt: z.string(),
});
export type PartnerRecord = z.infer<typeof PartnerRecordSchema>;

/** The endpoint's answers the reviewer console reads (server/API.md, "Partner registry"). */
export const PartnerListResponseSchema = z.object({ partners: z.array(PartnerRecordSchema) });
export const PartnerDetailResponseSchema = z.object({ partner: PartnerRecordSchema, history: z.array(PartnerHistoryItemSchema) });
export type PartnerDetail = z.infer<typeof PartnerDetailResponseSchema>;
export const PartnerPairsResponseSchema = z.object({ pairs: z.array(z.object({ a: PartnerRecordSchema, b: PartnerRecordSchema })) });
export type PartnerPair = z.infer<typeof PartnerPairsResponseSchema>['pairs'][number];
export const PartnerChangeResponseSchema = z.object({ partner: PartnerRecordSchema, mergedInto: z.optional(z.string()) });
export type PartnerChange = z.infer<typeof PartnerChangeResponseSchema>;
export const PanelPartnersResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  bySector: z.array(z.object({ sector: z.string(), partners: z.number() })),
  byMunicipality: z.array(z.object({ municipalityCode: z.string(), partners: z.number(), actions: z.number() })),
  total: z.number(),
});
export type PanelPartners = z.infer<typeof PanelPartnersResponseSchema>;

/** Labels of the closed lists (the registry's own vocabulary). */
export const kindLabel = (value: string): string => (PARTNER_KINDS as readonly Option[]).find((o) => o.value === value)?.label ?? value;
