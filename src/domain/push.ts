/**
 * Web Push contract: the subscription the phone registers and the payload the endpoint sends
 * (the service worker parses it). zod/mini keeps it small: the service worker imports it.
 */
import * as z from 'zod/mini';

export const NOTIFICATION_KINDS = [
  'report_returned',
  'report_approved',
  'report_consolidated',
  'deadline_soon',
  'deadline_passed',
  'regional_digest',
  'test',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** PUT /api/v1/push/subscription: PushSubscription.toJSON() of this device. */
export const PushSubscriptionRequestSchema = z.object({
  endpoint: z.string().check(
    z.maxLength(2000, { error: 'endereço de push longo demais' }),
    z.regex(/^https?:\/\/[^\s]+$/, { error: 'endereço de push inválido' }),
  ),
  expirationTime: z.optional(z.nullable(z.number())),
  keys: z.object({
    p256dh: z.string().check(z.regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, { error: 'chave p256dh inválida' })),
    auth: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, { error: 'chave auth inválida' })),
  }),
});
export type PushSubscriptionRequest = z.infer<typeof PushSubscriptionRequestSchema>;

/** GET /api/v1/push/subscription: this device's state and the account's preferences. */
export const PushStateSchema = z.object({
  publicKey: z.string(),
  subscribed: z.boolean(),
  regionalDigest: z.boolean(),
});
export type PushState = z.infer<typeof PushStateSchema>;

/** PUT /api/v1/push/preferences */
export const PushPreferencesSchema = z.strictObject({ regionalDigest: z.boolean({ error: 'regionalDigest deve ser verdadeiro ou falso' }) });

/** What a push message carries: already in Portuguese, with the screen to open. */
export const PushPayloadSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** app-relative address to open on tap ("/#/relatorio/<id>") */
  url: z.string(),
  /** same tag → the newer notification replaces the older one */
  tag: z.string(),
  reportId: z.optional(z.string()),
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;
