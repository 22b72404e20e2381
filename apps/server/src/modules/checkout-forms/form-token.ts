import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The key form tokens are signed with, derived from APP_SECRET for this purpose alone. */
export type FormTokenKey = Buffer & { readonly formTokenKey: unique symbol };

export function formTokenKey(appSecret: string): FormTokenKey {
  return Buffer.from(hkdfSync('sha256', appSecret, 'winkel/checkout-forms/v1', 'form-token', 32)) as FormTokenKey;
}

/** Which form a token was served for. */
export interface TokenSubject {
  tenantId: string;
  formId: string;
}

export type TokenCheck = { ok: true; ageMs: number } | { ok: false; reason: 'malformed' | 'forged' | 'too_fast' | 'expired' };

/** A token is refused this long after it was served: the page was left open too long, or the token was harvested. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 3600 * 1000;
/** Servers' clocks may differ by this much; a token from further ahead was not made by us. */
const CLOCK_SKEW_MS = 60 * 1000;

const mac = (key: FormTokenKey, subject: TokenSubject, issuedAt: number) =>
  createHmac('sha256', key).update(`checkout-form:${subject.tenantId}:${subject.formId}:${issuedAt}`).digest();

/** `<served at, ms since the epoch>.<HMAC-SHA256 of store, form and time>`: proves when and for which form the page was served. */
export function signFormToken(key: FormTokenKey, subject: TokenSubject, issuedAt: number): string {
  return `${issuedAt}.${mac(key, subject, issuedAt).toString('base64url')}`;
}

/** Whether the token was made by this server for this form, at least `minAgeMs` and at most a day ago. */
export function checkFormToken(key: FormTokenKey, subject: TokenSubject, token: string, now: number, minAgeMs: number): TokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const issuedAt = Number(match[1]);
  const expected = mac(key, subject, issuedAt);
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const ageMs = now - issuedAt;
  if (ageMs < -CLOCK_SKEW_MS || ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  if (ageMs < minAgeMs) return { ok: false, reason: 'too_fast' };
  return { ok: true, ageMs };
}
