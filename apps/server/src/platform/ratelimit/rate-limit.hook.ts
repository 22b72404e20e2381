import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { sendProblem } from '../http/problem.ts';
import '../http/route-config.ts';
import type { Registry } from '../metrics/registry.ts';
import { rateLimitTierFor } from './rate-limit-tier.ts';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.ts';

/**
 * Counts every request against its route's tier, keyed by client IP
 * (request.ip, which honours TRUST_PROXY), and answers 429 once the tier's
 * budget is spent. Limited responses carry RateLimit-Limit/-Remaining/-Reset.
 */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter, registry?: Registry): void {
  const rejections = registry
    ? new client.Counter({ name: 'rate_limit_rejections_total', help: 'Requests refused with 429 by rate-limit tier', labelNames: ['tier'] as const, registers: [registry] })
    : undefined;

  app.addHook('onRequest', async (request, reply) => {
    const tier = rateLimitTierFor(request.method, request.routeOptions.config?.rateLimitTier, !request.is404);
    if (!tier) return;
    let result: RateLimitDecision;
    try {
      result = await limiter.consume(tier, request.ip);
    } catch (err) {
      // A broken limiter must not take the shop down with it: serve, and say so.
      request.log.error({ err, tier }, 'rate limiter failed; request not limited');
      return;
    }
    reply.header('ratelimit-limit', String(result.limit));
    reply.header('ratelimit-remaining', String(result.remaining));
    reply.header('ratelimit-reset', String(result.resetSeconds));
    if (result.allowed) return;
    rejections?.inc({ tier });
    reply.header('retry-after', String(result.resetSeconds));
    return sendProblem(request, reply, 429, 'RATE_LIMITED', `Too many requests; try again in ${result.resetSeconds} seconds.`);
  });
}
