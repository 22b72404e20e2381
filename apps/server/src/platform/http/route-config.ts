import type { RateLimitTier } from '../../config.ts';
import type { Permission } from '../../modules/security/permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which rate-limit tier the route counts against; 'none' for ops routes. Default: general for reads, write for writes. */
    rateLimitTier?: RateLimitTier | 'none';
    /**
     * What the caller must be allowed to do. Absent: the route needs no staff
     * or API-key authentication (ops, storefront, public forms, login itself).
     * 'authenticated': any signed-in staff member or key of the store.
     */
    permission?: Permission | 'authenticated';
  }
}

export {};
