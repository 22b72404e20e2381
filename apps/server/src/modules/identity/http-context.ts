import { assertIpAllowed } from '../security/index.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import type { ClientInfo } from './identity.deps.ts';

/** Where the request came from (request.ip honours TRUST_PROXY). */
export function clientOf(request: FastifyRequest): ClientInfo {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null, assertIpAllowed: (tenantId) => assertIpAllowed(request, tenantId) };
}

/** The ctx of a request nobody has signed in for yet (sign-in, reset, invitation acceptance). */
export function guestCtxOf(request: FastifyRequest): Ctx {
  return { tenantId: null, actor: { kind: 'guest' }, permissions: new Set(), requestId: request.id, log: request.log as Ctx['log'] };
}

/**
 * The web app keeps the refresh token in an HttpOnly, Secure, SameSite=Strict
 * cookie scoped to the auth routes: it asks for that by sending
 * `X-Refresh-Cookie: 1` when it signs in. The cookie cannot be read by
 * scripts, is never sent cross-site, and the routes that read it only accept
 * JSON bodies (a cross-site form cannot send one without a CORS preflight).
 */
export const REFRESH_COOKIE = '__Secure-winkel-refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/admin/auth';
export const REFRESH_COOKIE_SWITCH = 'x-refresh-cookie';

export function wantsRefreshCookie(request: FastifyRequest): boolean {
  return request.headers[REFRESH_COOKIE_SWITCH] === '1';
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export function setRefreshCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.header('set-cookie', `${REFRESH_COOKIE}=${token}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`);
}

export function clearRefreshCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${REFRESH_COOKIE}=; Path=${REFRESH_COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`);
}
