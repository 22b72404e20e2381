import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis.ts';
import type { Cache, JsonValue } from './cache.ts';

/** KEYS[1] the entry, KEYS[2..] its tag sets; ARGV[1] the JSON, ARGV[2] the TTL in ms. Tag sets live as long as their longest entry. */
const SET_TAGGED = `
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 2, #KEYS do
  redis.call('sadd', KEYS[i], KEYS[1])
  if redis.call('pttl', KEYS[i]) < tonumber(ARGV[2]) then redis.call('pexpire', KEYS[i], ARGV[2]) end
end`;

/**
 * KEYS[1] a tag set: deletes its members and itself in one step, so an entry
 * tagged while we invalidate is not lost from the set. The member keys are not
 * declared in KEYS, which is fine on a single Redis (not Redis Cluster).
 */
const INVALIDATE_TAG = `
local members = redis.call('smembers', KEYS[1])
for i = 1, #members, 500 do
  redis.call('del', unpack(members, i, math.min(i + 499, #members)))
end
redis.call('del', KEYS[1])
return #members`;

export function createRedisCache(client: RedisClient, keyPrefix: string, log: Logger): Cache {
  const entryKey = (key: string) => `${keyPrefix}:cache:${key}`;
  const tagKey = (tag: string) => `${keyPrefix}:tag:${tag}`;

  return {
    async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
      try {
        const json = await client.get(entryKey(key));
        return json === null ? undefined : (JSON.parse(json) as T);
      } catch (err) {
        log.debug({ err, key }, 'cache read failed; treating as a miss');
        return undefined;
      }
    },
    async set(key, value, { ttlSeconds, tags = [] }) {
      const ttlMs = Math.max(1, Math.round(ttlSeconds * 1000));
      const json = JSON.stringify(value);
      try {
        if (tags.length === 0) await client.set(entryKey(key), json, 'PX', ttlMs);
        else await client.eval(SET_TAGGED, 1 + tags.length, entryKey(key), ...tags.map(tagKey), json, ttlMs);
      } catch (err) {
        log.debug({ err, key }, 'cache write failed; entry not cached');
      }
    },
    async delete(key) {
      await client.del(entryKey(key));
    },
    async invalidateTag(tag) {
      await client.eval(INVALIDATE_TAG, 1, tagKey(tag));
    },
  };
}
