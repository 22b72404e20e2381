import { describe, expect, it } from 'vitest';
import { rateLimitTierFor } from './rate-limit-tier.ts';

describe('rateLimitTierFor', () => {
  it('uses the tier a route declares, whatever the method', () => {
    expect(rateLimitTierFor('POST', 'auth', true)).toBe('auth');
    expect(rateLimitTierFor('GET', 'public', true)).toBe('public');
    expect(rateLimitTierFor('GET', 'write', true)).toBe('write');
  });

  it("skips routes that declare 'none'", () => {
    expect(rateLimitTierFor('GET', 'none', true)).toBeNull();
    expect(rateLimitTierFor('POST', 'none', true)).toBeNull();
  });

  it('defaults reads to general and every other method to write', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) expect(rateLimitTierFor(method, undefined, true)).toBe('general');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(rateLimitTierFor(method, undefined, true)).toBe('write');
  });

  it('counts unmatched requests as general, even writes', () => {
    expect(rateLimitTierFor('POST', undefined, false)).toBe('general');
    expect(rateLimitTierFor('DELETE', 'none', false)).toBe('general');
  });
});
