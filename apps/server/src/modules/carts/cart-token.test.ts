import { describe, expect, it } from 'vitest';
import { cartTokenMatches, hashCartToken, newCartToken } from './cart-token.ts';

describe('cart tokens', () => {
  it('are long, random and recognised only by their own hash', () => {
    const [a, b] = [newCartToken(), newCartToken()];
    expect(a).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(cartTokenMatches(hashCartToken(a), a)).toBe(true);
    expect(cartTokenMatches(hashCartToken(a), b)).toBe(false);
    expect(cartTokenMatches(hashCartToken(a), undefined)).toBe(false);
    expect(cartTokenMatches(hashCartToken(a), '')).toBe(false);
  });

  it('keeps only a hash, never the token', () => {
    const token = newCartToken();
    expect(hashCartToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCartToken(token)).not.toContain(token.slice(3, 13));
  });
});
