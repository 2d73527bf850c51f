// What the agent's app needs of account management (#13): the access-code sign-in, the user's
// own devices and password. Kept apart from accounts-api.ts so the agent's chunk stays small.
import * as z from 'zod/mini';

/** Access codes are valid this long unless the endpoint is configured otherwise. */
export const ACCESS_CODE_DEFAULT_HOURS = 72;
export const PASSWORD_MIN_CHARS = 8;

/** 256 random bits, base64url (43 characters). */
export const ACCESS_CODE_RE = /^[A-Za-z0-9_-]{43}$/;

/** The phone's link for a code: `<app>/#/entrar?codigo=<code>`. */
export function accessLink(appUrl: string, code: string): string {
  return `${appUrl.replace(/[#?].*$/, '').replace(/\/?$/, '/')}#/entrar?codigo=${code}`;
}

const text = (max: number, what: string) =>
  z.string({ error: `${what}: deve ser um texto` }).check(z.trim(), z.maxLength(max, { error: `${what}: no máximo ${max} caracteres` }));

export const DeviceSchema = z.object({
  id: z.string(),
  deviceName: z.nullable(z.string()),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  /** the device making this request (self routes only) */
  current: z.optional(z.boolean()),
});
export type Device = z.infer<typeof DeviceSchema>;

// ── access codes (public routes) ─────────────────────────────────────────────

export const AccessCodeCheckSchema = z.strictObject({ code: z.string().check(z.trim(), z.maxLength(100)) });
export const AccessCodeInfoSchema = z.object({ login: z.string(), name: z.string(), expiresAt: z.string() });
export type AccessCodeInfo = z.infer<typeof AccessCodeInfoSchema>;

const NewPassword = z
  .string({ error: 'senha: deve ser um texto' })
  .check(
    z.minLength(PASSWORD_MIN_CHARS, { error: `a senha precisa de pelo menos ${PASSWORD_MIN_CHARS} caracteres` }),
    z.maxLength(200, { error: 'a senha pode ter no máximo 200 caracteres' }),
  );

/** POST /auth/access-codes/redeem → LoginResponse. */
export const RedeemRequestSchema = z.strictObject({
  code: z.string().check(z.trim(), z.maxLength(100)),
  password: NewPassword,
  deviceName: z.optional(text(100, 'nome do aparelho')),
});
export type RedeemRequest = z.infer<typeof RedeemRequestSchema>;

/** PUT /me/password. */
export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().check(z.minLength(1, { error: 'informe a senha atual' }), z.maxLength(200)),
  newPassword: NewPassword,
  signOutOthers: z.optional(z.boolean()),
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

export const DeviceListSchema = z.object({ devices: z.array(DeviceSchema) });

