import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys derived from APP_SECRET, one per purpose (HKDF-SHA256), so no two uses
 * share a key and rotating APP_SECRET rotates them all.
 */
export function deriveKey(appSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'winkel/identity/v1', purpose, 32));
}

/** A stable, non-secret name for a key (the JWT `kid`): a prefix of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/** A random opaque token (256 bits), URL-safe, with an optional recognisable prefix. */
export function newOpaqueToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** How opaque tokens are stored: their SHA-256, never the token itself. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A keyed hash for short secrets (recovery codes), so a stolen table cannot be brute-forced offline without APP_SECRET. */
export function hmacHex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
