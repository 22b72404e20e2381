import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every secret API key starts with this, so it is recognisable in code, logs and secret scanners. */
export const API_KEY_MARK = 'wk_sk_';

const PUBLIC_LENGTH = 8;
const SECRET_LENGTH = 43; // 43 characters of base62: 256 bits
const LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE62 = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
const KEY = new RegExp(`^${API_KEY_MARK}([0-9a-z]{${PUBLIC_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`);

/** Uniformly random characters from `alphabet` (rejection sampling: no modulo bias). */
function randomText(length: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/**
 * SHA-256 of the secret part. A slow password hash (argon2) protects
 * low-entropy, human-chosen passwords against guessing; these secrets are 256
 * random bits, which no one can guess whatever the hash speed, so a fast hash
 * is as safe here and keeps every API request free of a deliberate 50 ms
 * delay. Unique random secrets need no salt either.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface NewApiKey {
  /** The whole key, shown to its creator once and never stored. */
  key: string;
  /** `wk_sk_` and the public part: stored, listed, and how a presented key is found. */
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = `${API_KEY_MARK}${randomText(PUBLIC_LENGTH, LOWER)}`;
  const secret = randomText(SECRET_LENGTH, BASE62);
  return { key: `${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

/** The prefix and secret of a presented key; null when it is not shaped like one of ours. */
export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const match = KEY.exec(token);
  return match ? { prefix: `${API_KEY_MARK}${match[1]!}`, secret: match[2]! } : null;
}

/** Compares in constant time, so response timing says nothing about how much of a hash matched. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
