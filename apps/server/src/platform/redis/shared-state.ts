import type { Config } from '../../config.ts';
import type { Cache } from '../cache/cache.ts';
import { createMemoryCache } from '../cache/cache.memory.ts';
import { createRedisCache } from '../cache/cache.redis.ts';
import type { PubSub } from '../cache/pubsub.ts';
import { createMemoryPubSub } from '../cache/pubsub.memory.ts';
import { createRedisPubSub } from '../cache/pubsub.redis.ts';
import type { Logger } from '../logging/logger.ts';
import { createMemoryRateLimiter } from '../ratelimit/rate-limiter.memory.ts';
import { createRedisRateLimiter } from '../ratelimit/rate-limiter.redis.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';
import type { Redis } from './redis.ts';

/** Prefix of every key and channel Winkel uses in Redis. */
export const REDIS_KEY_PREFIX = 'winkel';

/** What instances share: rate-limit counts, cache and pub/sub. In Redis when there is one, else in this process. */
export interface SharedState {
  rateLimiter: RateLimiter;
  cache: Cache;
  pubsub: PubSub;
  /** Closes what this made (the pub/sub listener); the Redis connection belongs to the caller. */
  close(): Promise<void>;
}

export interface SharedStateOptions {
  rateLimits: Config['rateLimits'];
  redis: Redis | null;
  log: Logger;
  keyPrefix?: string;
}

export function createSharedState({ rateLimits, redis, log, keyPrefix = REDIS_KEY_PREFIX }: SharedStateOptions): SharedState {
  const pubsub = redis ? createRedisPubSub(redis, keyPrefix, log) : createMemoryPubSub(log);
  return {
    rateLimiter: redis ? createRedisRateLimiter(rateLimits, redis.client, `${keyPrefix}:rl`) : createMemoryRateLimiter(rateLimits, `${keyPrefix}:rl`),
    cache: redis ? createRedisCache(redis.client, keyPrefix, log) : createMemoryCache(),
    pubsub,
    close: () => pubsub.close(),
  };
}
