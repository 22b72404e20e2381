import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/platform/cache/cache.ts';
import { createMemoryCache } from '../../src/platform/cache/cache.memory.ts';
import { createRedisCache } from '../../src/platform/cache/cache.redis.ts';
import { openRedis, type Redis } from '../../src/platform/redis/redis.ts';
import { captureLogger } from '../app.ts';

const redisUrl = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What every Cache must do, whatever stores it. */
function cacheContract(make: () => Cache) {
  let cache: Cache;
  beforeAll(() => {
    cache = make();
  });

  it('returns what was set, as JSON, and tells a stored null from a miss', async () => {
    const product = { id: 'p1', name: 'Mug', price: { amount: 1299, currency: 'EUR' }, tags: ['kitchen'], discontinued: false, note: null };
    await cache.set('product:p1', product, { ttlSeconds: 60 });
    await cache.set('nothing', null, { ttlSeconds: 60 });
    expect(await cache.get('product:p1')).toEqual(product);
    expect(await cache.get('nothing')).toBeNull();
    expect(await cache.get('never-set')).toBeUndefined();
  });

  it('forgets an entry once its TTL has passed', async () => {
    await cache.set('short', 'lived', { ttlSeconds: 0.3 });
    expect(await cache.get('short')).toBe('lived');
    await sleep(450);
    expect(await cache.get('short')).toBeUndefined();
  });

  it('replaces on set and removes on delete', async () => {
    await cache.set('k', 1, { ttlSeconds: 60 });
    await cache.set('k', 2, { ttlSeconds: 60 });
    expect(await cache.get('k')).toBe(2);
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    await cache.delete('k');
  });

  it('invalidates every entry of a tag, and only those', async () => {
    await cache.set('list:1', [1], { ttlSeconds: 60, tags: ['catalog:t1'] });
    await cache.set('list:2', [2], { ttlSeconds: 60, tags: ['catalog:t1', 'home:t1'] });
    await cache.set('home', 'h', { ttlSeconds: 60, tags: ['home:t1'] });
    await cache.set('other', 'o', { ttlSeconds: 60, tags: ['catalog:t2'] });
    await cache.invalidateTag('catalog:t1');
    expect(await cache.get('list:1')).toBeUndefined();
    expect(await cache.get('list:2')).toBeUndefined();
    expect(await cache.get('home')).toBe('h');
    expect(await cache.get('other')).toBe('o');
    await cache.invalidateTag('home:t1');
    expect(await cache.get('home')).toBeUndefined();
    await cache.invalidateTag('never-used');
  });
}

describe('memory cache', () => {
  cacheContract(() => createMemoryCache());

  it('is private to its instance', async () => {
    const a = createMemoryCache();
    const b = createMemoryCache();
    await a.set('k', 'v', { ttlSeconds: 60 });
    expect(await b.get('k')).toBeUndefined();
  });
});

describe.skipIf(!redisUrl)('redis cache (runs when REDIS_URL is set)', () => {
  const { log } = captureLogger();
  const prefix = `winkel-test:${randomBytes(6).toString('hex')}`;
  let redis: Redis;
  let other: Redis;
  beforeAll(async () => {
    redis = await openRedis(redisUrl!, log);
    other = await openRedis(redisUrl!, log);
  });
  afterAll(async () => {
    await redis?.close();
    await other?.close();
  });

  cacheContract(() => createRedisCache(redis.client, prefix, log));

  it('is shared by instances with the same prefix, including invalidation, and not by others', async () => {
    const a = createRedisCache(redis.client, `${prefix}:shared`, log);
    const b = createRedisCache(other.client, `${prefix}:shared`, log);
    const stranger = createRedisCache(other.client, `${prefix}:elsewhere`, log);
    await a.set('k', { v: 1 }, { ttlSeconds: 60, tags: ['t'] });
    expect(await b.get('k')).toEqual({ v: 1 });
    expect(await stranger.get('k')).toBeUndefined();
    await b.invalidateTag('t');
    expect(await a.get('k')).toBeUndefined();
  });

  it('lets a tag set live as long as its longest entry', async () => {
    const cache = createRedisCache(redis.client, `${prefix}:ttl`, log);
    await cache.set('long', 1, { ttlSeconds: 60, tags: ['t'] });
    await cache.set('short', 2, { ttlSeconds: 1, tags: ['t'] });
    const ttl = await redis.client.pttl(`${prefix}:ttl:tag:t`);
    expect(ttl).toBeGreaterThan(50_000);
  });
});
