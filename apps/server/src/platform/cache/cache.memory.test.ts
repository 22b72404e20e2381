import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './cache.memory.ts';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('in-memory cache', () => {
  it('returns a value until its TTL passes, then misses', async () => {
    const c = clock();
    const cache = createMemoryCache({ now: c.now });
    await cache.set('p:1', { name: 'Mug', price: { amount: 1299, currency: 'EUR' } }, { ttlSeconds: 10 });
    c.advance(9_999);
    expect(await cache.get('p:1')).toEqual({ name: 'Mug', price: { amount: 1299, currency: 'EUR' } });
    c.advance(1);
    expect(await cache.get('p:1')).toBeUndefined();
  });

  it('hands out copies, so a caller mutating a result does not change the cache', async () => {
    const cache = createMemoryCache();
    await cache.set('k', { tags: ['a'] }, { ttlSeconds: 60 });
    const first = await cache.get<{ tags: string[] }>('k');
    first?.tags.push('b');
    expect(await cache.get('k')).toEqual({ tags: ['a'] });
  });

  it('drops the least recently used entries beyond maxEntries', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, { ttlSeconds: 60 });
    await cache.set('b', 2, { ttlSeconds: 60 });
    await cache.get('a');
    await cache.set('c', 3, { ttlSeconds: 60 });
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('forgets a tag of an entry that was overwritten without it', async () => {
    const cache = createMemoryCache();
    await cache.set('k', 1, { ttlSeconds: 60, tags: ['old'] });
    await cache.set('k', 2, { ttlSeconds: 60, tags: ['new'] });
    await cache.invalidateTag('old');
    expect(await cache.get('k')).toBe(2);
    await cache.invalidateTag('new');
    expect(await cache.get('k')).toBeUndefined();
  });
});
