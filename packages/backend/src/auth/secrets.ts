import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session ids, API tokens and CSRF secrets: 32 random bytes, base64url, with a readable prefix. */
export const newSecret = (prefix: 'pgs' | 'pgt' | 'pgc'): string =>
  `${prefix}_${randomBytes(32).toString('base64url')}`;

/** Only this digest is stored; a leaked table does not give working credentials. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A one-time password a person can type: 20 characters from an unambiguous alphabet (~100 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
