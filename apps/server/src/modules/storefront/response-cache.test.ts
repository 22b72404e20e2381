import { describe, expect, it } from 'vitest';
import { ResponseCache, type CachedResponse } from './response-cache.ts';

const response = (text: string): CachedResponse => ({ status: 200, body: Buffer.from(text), etag: `"${text}"`, headers: {} });
const A = 'store-a';
const B = 'store-b';

function cacheAt(maxBytes = 1_000_000) {
  let now = 1_000;
  const cache = new ResponseCache({ maxBytes, now: () => now });
  return { cache, advance: (ms: number) => void (now += ms), now: () => now };
}

describe('storefront response cache', () => {
  it('serves an entry until it expires', () => {
    const { cache, advance, now } = cacheAt();
    expect(cache.set(cache.ticket(A), '/p', response('one'), now() + 100)).toBe(true);
    expect(cache.get(A, '/p')?.body.toString()).toBe('one');
    expect(cache.get(B, '/p')).toBeUndefined();
    advance(100);
    expect(cache.get(A, '/p')).toBeUndefined();
  });

  it('refuses a result built before the store changed (the stale-set race)', () => {
    const { cache, now } = cacheAt();
    const before = cache.ticket(A);
    const other = cache.ticket(B);
    cache.invalidateTenant(A);
    expect(cache.set(before, '/p', response('stale'), now() + 1_000)).toBe(false);
    expect(cache.get(A, '/p')).toBeUndefined();
    // Another store's build is not affected.
    expect(cache.set(other, '/p', response('fine'), now() + 1_000)).toBe(true);
    // Nor is a build that started after the change.
    expect(cache.set(cache.ticket(A), '/p', response('fresh'), now() + 1_000)).toBe(true);
  });

  it('drops one store’s entries on its change, and every store’s on clear', () => {
    const { cache, now } = cacheAt();
    cache.set(cache.ticket(A), '/1', response('a1'), now() + 1_000);
    cache.set(cache.ticket(A), '/2', response('a2'), now() + 1_000);
    cache.set(cache.ticket(B), '/1', response('b1'), now() + 1_000);
    cache.invalidateTenant(A);
    expect([cache.get(A, '/1'), cache.get(A, '/2')]).toEqual([undefined, undefined]);
    expect(cache.get(B, '/1')?.body.toString()).toBe('b1');
    const during = cache.ticket(B);
    cache.clear();
    expect(cache.get(B, '/1')).toBeUndefined();
    expect(cache.set(during, '/1', response('old'), now() + 1_000)).toBe(false);
    expect(cache.usedBytes).toBe(0);
  });

  it('stays within its byte budget, dropping the least recently used first', () => {
    const { cache, now } = cacheAt(12_000);
    const big = 'x'.repeat(2_000);
    for (const key of ['/1', '/2', '/3', '/4']) cache.set(cache.ticket(A), key, response(big), now() + 1_000);
    cache.get(A, '/1');
    cache.set(cache.ticket(A), '/5', response(big), now() + 1_000);
    expect(cache.usedBytes).toBeLessThanOrEqual(12_000);
    expect(cache.get(A, '/1')).toBeDefined();
    expect(cache.get(A, '/2')).toBeUndefined();
    expect(cache.get(A, '/5')).toBeDefined();
  });

  it('keeps nothing while disabled', () => {
    const { cache, now } = cacheAt();
    cache.set(cache.ticket(A), '/p', response('one'), now() + 1_000);
    cache.setEnabled(false);
    expect(cache.get(A, '/p')).toBeUndefined();
    expect(cache.set(cache.ticket(A), '/p', response('one'), now() + 1_000)).toBe(false);
    cache.setEnabled(true);
    expect(cache.set(cache.ticket(A), '/p', response('one'), now() + 1_000)).toBe(true);
  });
});
