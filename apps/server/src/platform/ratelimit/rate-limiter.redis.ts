import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis/redis.ts';
import { tieredRateLimiter, type RateLimiter, type RateLimits } from './rate-limiter.ts';

/**
 * Counts in Redis so every instance shares one budget per client. While Redis
 * is not ready (or a command fails or times out), each tier falls back to an
 * in-memory limiter with the same limits: requests keep being served, limited
 * per instance, until Redis returns.
 */
export function createRedisRateLimiter(limits: RateLimits, client: RedisClient, keyPrefix: string): RateLimiter {
  return tieredRateLimiter(limits, (tier, { points, durationSeconds }) => {
    const prefix = `${keyPrefix}:${tier}`;
    return new RateLimiterRedis({
      storeClient: client,
      keyPrefix: prefix,
      points,
      duration: durationSeconds,
      rejectIfRedisNotReady: true,
      // Once a key is over its limit, refuse it from memory until the window ends: a flood from one client costs Redis nothing.
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, points, duration: durationSeconds }),
    });
  });
}
