import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '../context.ts';
import { sendProblem } from './problem.ts';
import './route-config.ts';

/** Who a request acts as, once its bearer token checked out. */
export interface Principal {
  tenantId: string;
  actor: Actor;
  permissions: ReadonlySet<string>;
  /** The staff session (refresh-token family) an access token belongs to. */
  sessionId?: string;
}

/**
 * Recognises one kind of bearer token (staff access JWTs, API keys, …).
 * Returns null when the token is not its kind; throws AuthenticationFailed
 * when it is its kind but invalid (expired, revoked, wrong IP, …).
 */
export interface BearerVerifier {
  name: string;
  matches(token: string): boolean;
  verify(token: string, request: FastifyRequest): Promise<Principal>;
}

export class AuthenticationFailed extends Error {
  override name = 'AuthenticationFailed';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const BEARER_SCHEME = 'bearerAuth';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * Checks the bearer token on every route that declares a permission, and the
 * permission itself. 401 for a missing or bad token, 403 for a valid one that
 * lacks the permission. Every admin route is scoped to the principal's store,
 * so another store's ids simply are not found (404).
 */
export function registerAuthentication(app: FastifyInstance, verifiers: BearerVerifier[]): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !route.schema) return;
    // OpenAPI 3.1 lets a bearer requirement list the role it needs; we list the permission.
    (route.schema as { security?: unknown }).security = [{ [BEARER_SCHEME]: permission === 'authenticated' ? [] : [permission] }];
  });
  // preValidation: after every onRequest hook (request id, CORS, rate limit, IP rules) and before
  // the body is validated, so a caller without a valid token learns nothing about the route's schema.
  app.addHook('preValidation', async (request, reply) => {
    const needed = request.routeOptions.config?.permission;
    if (!needed) return;
    const token = bearerToken(request);
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(request, reply, 401, 'AUTH_UNAUTHENTICATED', 'Send a valid access token or API key as a bearer token.');
    }
    const verifier = verifiers.find((v) => v.matches(token));
    try {
      if (!verifier) throw new AuthenticationFailed('unrecognised token');
      request.principal = await verifier.verify(token, request);
    } catch (err) {
      if (!(err instanceof AuthenticationFailed)) throw err;
      request.log.info({ reason: err.message, verifier: verifier?.name }, 'authentication failed');
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return sendProblem(request, reply, 401, 'AUTH_UNAUTHENTICATED', 'The access token or API key is invalid, expired or revoked.');
    }
    if (needed !== 'authenticated' && !request.principal.permissions.has(needed)) {
      return sendProblem(request, reply, 403, 'ACCESS_FORBIDDEN', `This needs the ${needed} permission.`);
    }
  });
}

/** The service context for a request that passed authentication. */
export function ctxOf(request: FastifyRequest): Ctx {
  const p = request.principal;
  if (!p) throw new Error('ctxOf() on a route without a permission: declare config.permission');
  return { tenantId: p.tenantId, actor: p.actor, permissions: p.permissions, requestId: request.id, log: request.log as Ctx['log'] };
}
