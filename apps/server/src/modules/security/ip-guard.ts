import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import '../../platform/http/authenticate.ts';
import type { IpAccess } from './ip-access.ts';
import type { IpDecision } from './ip-decision.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The IP-rule check of the admin API, for routes that learn the store themselves (login). */
    ipAccess: IpAccess;
  }
}

const ADMIN_PREFIX = '/api/v1/admin';
const DENIED_DETAIL = 'Requests from your address are not allowed to reach this admin API.';

/** Routes with a permission, and everything under /api/v1/admin (login and other public ones included). */
function isAdminRequest(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.permission) return true;
  // The route's own pattern when it matched, so an encoded path cannot slip past the prefix test.
  const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

function refuse(request: FastifyRequest, reply: FastifyReply, decision: IpDecision, tenantId: string | null): FastifyReply {
  request.log.info({ ip: request.ip, tenantId, reason: decision.allowed ? undefined : decision.reason }, 'admin API refused by IP rules');
  return sendProblem(request, reply, 403, 'ACCESS_IP_DENIED', DENIED_DETAIL);
}

/**
 * Enforces IP rules on the admin API in two steps: the platform-wide rules
 * as soon as a request arrives (onRequest: before bodies are read or tokens
 * checked), and the store's rules right after authentication told us the
 * store (a preValidation hook registered after the authentication hook, so
 * it runs after it). Routes that learn the store otherwise, such as login
 * from the store handle in its body, call assertIpAllowed themselves.
 */
export function registerIpGuard(app: FastifyInstance, ipAccess: IpAccess): void {
  app.decorate('ipAccess', ipAccess);
  app.addHook('onRequest', async (request, reply) => {
    if (!isAdminRequest(request)) return;
    const decision = await ipAccess.decide(request.ip, null);
    if (!decision.allowed) return refuse(request, reply, decision, null);
  });
  app.addHook('preValidation', async (request, reply) => {
    const tenantId = request.principal?.tenantId;
    if (!tenantId) return;
    const decision = await ipAccess.decide(request.ip, tenantId);
    if (!decision.allowed) return refuse(request, reply, decision, tenantId);
  });
}

/** For handlers that resolve the store themselves (login): throws ACCESS_IP_DENIED (403) when the store's rules refuse the client. */
export async function assertIpAllowed(request: FastifyRequest, tenantId: string): Promise<void> {
  const decision = await request.server.ipAccess.decide(request.ip, tenantId);
  if (decision.allowed) return;
  request.log.info({ ip: request.ip, tenantId, reason: decision.reason }, 'admin API refused by IP rules');
  throw new DomainError('ACCESS_IP_DENIED', DENIED_DETAIL);
}
