import cors from '@fastify/cors';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers helmet sets with our options, computed once: they do not depend on the request, and
 * running helmet's middleware per request rebuilt its whole configuration every time (a fifth of
 * the memory a cached storefront answer allocated).
 */
function securityHeaders(): Array<[string, string]> {
  const recorded = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void recorded.set(name, String(value)),
    removeHeader: (name: string) => void recorded.delete(name),
  };
  helmet({
    // The API serves JSON only; the docs page loosens this for itself.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return [...recorded];
}

/**
 * Security headers on every response, CORS from the allowlist, and (when
 * configured) a redirect of plain-HTTP requests to HTTPS. Whether a request
 * came over HTTPS is only believed from X-Forwarded-Proto when TRUST_PROXY says so.
 */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const headers = securityHeaders();
  // Set on the raw response, as helmet itself does: a route's own header (the docs page's CSP) still wins.
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done(null, payload);
  });

  const allowed = new Set(config.http.corsOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-ID', 'X-Refresh-Cookie', 'X-Publishable-Key'],
    exposedHeaders: ['X-Request-ID', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'Location', 'Idempotent-Replayed'],
    maxAge: 600,
  });

  if (config.http.forceHttps) {
    app.addHook('onRequest', async (request, reply) => {
      // Probes from the proxy or orchestrator talk plain HTTP on the private network.
      if (request.protocol === 'https' || request.url.startsWith('/health')) return;
      const host = request.host;
      return reply.redirect(`https://${host}${request.url}`, 301);
    });
  }
}
