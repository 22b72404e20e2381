import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import { PLATFORM_SCHEME } from '../../platform/http/openapi.ts';
import { sendProblem } from '../../platform/http/problem.ts';

export { PLATFORM_SCHEME };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function platformTokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/**
 * Refuses (401) every request of the plugin it is added to unless it carries
 * `Authorization: Bearer <PLATFORM_ADMIN_TOKEN>`. An onRequest hook: it runs
 * after the app's rate limit and before any body is read or validated.
 */
export function requirePlatformToken(scope: FastifyInstance, expected: string): void {
  scope.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request);
    if (token && platformTokenMatches(token, expected)) return;
    request.log.info({ reason: token ? 'wrong token' : 'no token' }, 'platform operator authentication failed');
    reply.header('www-authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer');
    return sendProblem(request, reply, 401, 'PLATFORM_UNAUTHENTICATED', 'Send the platform operator token as a bearer token.');
  });
}

/** The service context of an operator request: platform scope, the operator as a system actor. */
export function platformCtx(request: FastifyRequest): Ctx {
  return { tenantId: null, actor: { kind: 'system', name: 'platform-admin' }, permissions: new Set(['*']), requestId: request.id, log: request.log as Ctx['log'] };
}
