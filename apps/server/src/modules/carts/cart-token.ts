import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new cart token: 256 random bits, shown to the shopper once. */
export function newCartToken(): string {
  return `ct_${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a token: its SHA-256, in hex. */
export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` is the one whose hash is stored, compared in constant time. */
export function cartTokenMatches(storedHash: string, token: string | undefined): boolean {
  if (!token) return false;
  const stored = Buffer.from(storedHash, 'hex');
  const given = createHash('sha256').update(token).digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}
