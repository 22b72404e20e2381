import { RateLimiterMemory } from 'rate-limiter-flexible';
import { tieredRateLimiter, type RateLimiter, type RateLimits } from './rate-limiter.ts';

/** Counts in this process only: right for one instance, and the fallback when Redis is away. */
export function createMemoryRateLimiter(limits: RateLimits, keyPrefix = 'winkel:rl'): RateLimiter {
  return tieredRateLimiter(limits, (tier, { points, durationSeconds }) => new RateLimiterMemory({ keyPrefix: `${keyPrefix}:${tier}`, points, duration: durationSeconds }));
}
