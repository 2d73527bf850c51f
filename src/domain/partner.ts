// The partner registry (#16): what the phone sends (a partner created offline) and the name key the
// registry deduplicates on. What only the endpoint and reviewers use is in partner-registry.ts.
import * as z from 'zod/mini';
import { PartnerSectorSchema, required, text } from './action';
import { LIMITS } from './limits';
import { foldForSearch } from './text';
import { PARTNER_KINDS } from './vocabulary';

export const PartnerKindSchema = z.enum(PARTNER_KINDS.map((o) => o.value) as unknown as readonly [(typeof PARTNER_KINDS)[number]['value'], ...(typeof PARTNER_KINDS)[number]['value'][]], {
  error: 'escolha o tipo de parceiro',
});
export type PartnerKind = z.infer<typeof PartnerKindSchema>;

/** Accent-, case- and space-insensitive key of a partner's name: "Escola  Estadual São José" → "escola estadual sao jose". */
export const partnerNameKey = (name: string): string => foldForSearch(name);

const optional = (max: number, what: string) => z.optional(text(max, what));

/** Contact data (personal data: only the municipality's agents, its regional unit and central see it). */
export const PartnerContactFields = {
  phone: z.optional(z.string().check(z.trim(), z.regex(/^$|^[0-9()+\-\s.]{8,20}$/, { error: 'telefone inválido (use só números, com DDD)' }))),
  email: z.optional(z.string().check(z.trim(), z.maxLength(LIMITS.shortTextChars), z.regex(/^$|^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, { error: 'e-mail inválido' }))),
  social: optional(80, 'rede social'),
};

export const partnerFields = {
  name: required(LIMITS.shortTextChars, 'nome do parceiro'),
  kind: PartnerKindSchema,
  governmental: z.boolean({ error: 'informe se é governamental' }),
  sector: PartnerSectorSchema,
  ...PartnerContactFields,
  campaigns: z.boolean({ error: 'informe se aceita receber campanhas' }),
};

/** A partner the agent created on the phone, sent once with the report that first names it. */
export const NewPartnerSchema = z.strictObject({ id: z.uuid({ error: 'identificador do parceiro inválido' }), ...partnerFields });
export type NewPartner = z.infer<typeof NewPartnerSchema>;


/** One action that named a partner, as GET /partners/{id} lists it (latest revisions, newest first). */
export const PartnerHistoryItemSchema = z.object({
  reportId: z.string(),
  period: z.string(),
  actionNumber: z.number(),
  date: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
});
export type PartnerHistoryItem = z.infer<typeof PartnerHistoryItemSchema>;
