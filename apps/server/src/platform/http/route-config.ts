import type { RateLimitTier } from '../../config.ts';
import type { Permission } from '../../modules/security/permissions.ts';

/** Whose Idempotency-Key a request uses: keys are kept per store and per client. */
export interface IdempotencyCaller {
  tenantId: string;
  /** Who the client is, e.g. `customer:<id>` or `cart:<digest of the cart token>`; never a secret in clear. */
  client: string;
}

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
    /**
     * The route accepts an `Idempotency-Key` header (docs/idempotency.md). `true`: keys belong to the
     * authenticated staff member or API key and their store (the route must declare `permission`).
     * `{ scope }`: the route names the store and client itself (storefront routes: the signed-in
     * customer, or a cart token); null when the request has none, and a key is then refused.
     */
    idempotent?: true | { scope: (request: FastifyRequest) => IdempotencyCaller | null };
  }
}
