import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config, RateLimitTier } from '../../config.ts';

export type { RateLimitTier };
export type RateLimits = Config['rateLimits'];

export const RATE_LIMIT_TIERS: readonly RateLimitTier[] = ['auth', 'write', 'public', 'general', 'form'];

export interface RateLimitDecision {
  allowed: boolean;
  /** Points per window for the tier. */
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1 while anything is counted). */
  resetSeconds: number;
}

/** Counts one request against a tier for a key (a client IP, an account, …). */
export interface RateLimiter {
  consume(tier: RateLimitTier, key: string): Promise<RateLimitDecision>;
}

function decision(allowed: boolean, limit: number, res: RateLimiterRes): RateLimitDecision {
  return { allowed, limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** One rate-limiter-flexible limiter per tier behind the RateLimiter interface. */
export function tieredRateLimiter(limits: RateLimits, build: (tier: RateLimitTier, limit: RateLimits[RateLimitTier]) => RateLimiterAbstract): RateLimiter {
  const byTier = new Map(RATE_LIMIT_TIERS.map((tier) => [tier, build(tier, limits[tier])] as const));
  return {
    async consume(tier, key) {
      const limiter = byTier.get(tier);
      if (!limiter) throw new Error(`unknown rate-limit tier ${tier}`);
      const limit = limits[tier].points;
      try {
        return decision(true, limit, await limiter.consume(key));
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when the store failed.
        if (rejection instanceof RateLimiterRes) return decision(false, limit, rejection);
        throw rejection;
      }
    },
  };
}
