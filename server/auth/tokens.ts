import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url. Only its sha256 is stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
