import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LEN = 64;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const maxmem = (N: number, r: number) => 256 * N * r;

/** "scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>" – the parameters travel with the hash. */
export async function hashPassword(password: string, log2N = 15): Promise<string> {
  const [N, r, p] = [2 ** log2N, 8, 1];
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', log2N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (!(log2N >= 1 && log2N <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 4)) return false;
  const expected = Buffer.from(parts[5], 'base64');
  const N = 2 ** log2N;
  const key = await scryptAsync(password, Buffer.from(parts[4], 'base64'), { N, r, p, maxmem: maxmem(N, r) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password with the same cost, to verify against when the login is unknown. */
export function dummyHash(log2N: number): Promise<string> {
  return hashPassword(randomBytes(16).toString('hex'), log2N);
}
