import client from 'prom-client';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const counted = new WeakSet<FastifyRequest>();

/** Request duration by method, route template and status; and requests in flight. */
export function registerHttpMetrics(app: FastifyInstance, registry: client.Registry): void {
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new client.Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being served now',
    registers: [registry],
  });

  const finish = (request: FastifyRequest) => {
    if (!counted.has(request)) return;
    counted.delete(request);
    inFlight.dec();
  };

  app.addHook('onRequest', async (request) => {
    counted.add(request);
    inFlight.inc();
  });
  app.addHook('onResponse', async (request, reply) => {
    finish(request);
    // The template, never the raw URL: ids in paths would explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.addHook('onRequestAbort', async (request) => finish(request));
}
