import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import type { ResolvedStore } from '../tenancy/index.ts';
import type { CustomerOrigin } from './customer-context.ts';
import { verifyCustomerToken, type CustomerPrincipal } from './customer-token.verifier.ts';
import type { CustomerDeps } from './customers.deps.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A storefront route only a signed-in customer of the addressed store may call (a customer access token as bearer). */
    customerAuth?: boolean;
  }
  interface FastifyRequest {
    storefront: { store: ResolvedStore; customer: CustomerPrincipal | null } | null;
  }
}

const bearer = (request: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * Storefront requests name their store by `X-Publishable-Key` (or by host
 * name); an unknown, revoked or suspended one answers 401. Routes with
 * `customerAuth` also need a customer access token of that store. Both run
 * before the body is validated, so a stranger learns nothing about schemas.
 */
export function registerStorefrontGuard(app: FastifyInstance, deps: CustomerDeps): void {
  app.decorateRequest('storefront', null);
  app.addHook('preValidation', async (request, reply) => {
    const key = request.headers['x-publishable-key'];
    const store = await deps.stores.resolve({ publishableKey: typeof key === 'string' ? key : undefined, host: request.headers.host });
    if (!store) return sendProblem(request, reply, 401, 'STOREFRONT_UNAUTHENTICATED', 'Send a valid publishable key in X-Publishable-Key, or use a host name mapped to a store.');
    request.storefront = { store, customer: null };
    if (!request.routeOptions.config?.customerAuth) return;
    const token = bearer(request);
    const check = token ? await verifyCustomerToken(deps, token, store.tenantId) : { ok: false as const, reason: 'no bearer token' };
    if (!check.ok) {
      request.log.info({ reason: check.reason }, 'customer authentication failed');
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(request, reply, 401, 'AUTH_UNAUTHENTICATED', 'Sign in as a customer of this store and send the access token as a bearer token.');
    }
    request.storefront.customer = check.principal;
  });
}

function storefrontOf(request: FastifyRequest) {
  if (!request.storefront) throw new Error('storefront route outside the storefront guard');
  return request.storefront;
}

/** The ctx of a storefront request: the store's, acting as the signed-in customer or as a guest. */
export function storefrontCtxOf(request: FastifyRequest): Ctx {
  const { store, customer } = storefrontOf(request);
  return { tenantId: store.tenantId, actor: customer ? { kind: 'customer', id: customer.customerId } : { kind: 'guest' }, permissions: new Set(), requestId: request.id, log: request.log as Ctx['log'] };
}

/** Where the request came from; storefront requests are not subject to the admin API's IP rules. */
export function originOf(request: FastifyRequest): CustomerOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null, locale: storefrontOf(request).store.locale };
}

export function sessionIdOf(request: FastifyRequest): string {
  const customer = storefrontOf(request).customer;
  if (!customer) throw new Error('customer route without customerAuth');
  return customer.sessionId;
}
