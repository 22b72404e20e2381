import { describe, expect, it } from 'vitest';
import { apiKeySecretMatches, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key-secret.ts';

describe('API key secrets', () => {
  it('look like wk_sk_<8 lower-case alphanumerics>_<43 base62>, and parse back to prefix and secret', () => {
    const made = generateApiKey();
    expect(made.key).toMatch(/^wk_sk_[0-9a-z]{8}_[0-9A-Za-z]{43}$/);
    expect(made.key.startsWith(`${made.prefix}_`)).toBe(true);
    const parsed = parseApiKey(made.key)!;
    expect(parsed.prefix).toBe(made.prefix);
    expect(made.secretHash).toBe(hashApiKeySecret(parsed.secret));
    expect(made.secretHash).not.toContain(parsed.secret);
  });

  it('are different every time, prefixes included', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
  });

  it.each(['', 'wk_sk_', 'wk_sk_ABCDEFGH_' + 'a'.repeat(43), 'wk_sk_abcdefgh_' + 'a'.repeat(42), 'wk_sk_abcdefgh_' + 'a'.repeat(42) + '-', 'wk_pk_abcdefgh_' + 'a'.repeat(43), 'x' + 'wk_sk_abcdefgh_' + 'a'.repeat(43)])(
    'refuses a malformed key %j',
    (token) => expect(parseApiKey(token)).toBeNull(),
  );

  it('matches only the right secret', () => {
    const made = generateApiKey();
    const { secret } = parseApiKey(made.key)!;
    expect(apiKeySecretMatches(secret, made.secretHash)).toBe(true);
    const oneCharOff = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(apiKeySecretMatches(oneCharOff, made.secretHash)).toBe(false);
    expect(apiKeySecretMatches(secret, 'not-hex')).toBe(false);
  });
});
