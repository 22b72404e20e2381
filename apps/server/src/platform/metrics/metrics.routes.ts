import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type client from 'prom-client';
import { sendProblem } from '../http/problem.ts';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus exposition; behind a bearer token when METRICS_TOKEN is set. */
export function registerMetricsRoute(app: FastifyInstance, registry: client.Registry, token: string | undefined): void {
  app.get('/metrics', { schema: { hide: true }, config: { rateLimitTier: 'none' } }, async (request, reply) => {
    if (token) {
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!sameToken(given, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(request, reply, 401, 'METRICS_UNAUTHENTICATED', 'Send the metrics token as a bearer token.');
      }
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
