import type { FastifyRequest } from 'fastify';
import type { AuditOrigin } from './audit.service.ts';

/**
 * The request-derived parts of an audit entry, for route handlers to pass to
 * services: client address (request.ip, which honours TRUST_PROXY), user
 * agent and request id.
 */
export function auditOrigin(request: FastifyRequest): AuditOrigin {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : null, requestId: request.id };
}
