import type { RateLimitTier } from '../../config.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which rate-limit tier the route counts against; 'none' for ops routes. Default: general for reads, write for writes. */
    rateLimitTier?: RateLimitTier | 'none';
  }
}

export {};
