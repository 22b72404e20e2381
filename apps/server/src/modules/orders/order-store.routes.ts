import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import type { IdempotencyCaller } from '../../platform/http/route-config.ts';
import { cartParams, cartTokenOf, hashCartToken, tokenHeaders } from '../carts/index.ts';
import { storefrontCtxOf } from '../customers/index.ts';
import type { CheckoutService } from './checkout.service.ts';
import type { CustomerOrderService } from './customer-order.service.ts';
import * as s from './orders.schemas.ts';

/** Idempotency-Keys of a checkout belong to the cart, as for every other change to it. */
const byCart = {
  scope: (request: FastifyRequest): IdempotencyCaller | null => {
    const token = cartTokenOf(request);
    const store = request.storefront?.store;
    return token && store ? { tenantId: store.tenantId, client: `cart:${hashCartToken(token)}` } : null;
  },
};
const signedIn = { rateLimitTier: 'public' as const, customerAuth: true };

/** /api/v1/store…: placing an order from a cart, and a signed-in customer's own orders. */
export function orderStoreRoutes(checkout: CheckoutService, mine: CustomerOrderService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/carts/:cartId/checkout',
      {
        config: { rateLimitTier: 'public', idempotent: byCart },
        schema: { tags: ['storefront checkout'], summary: 'Place the order: stock is reserved, discounts used, the cart converted', params: cartParams, headers: tokenHeaders, body: s.checkoutBody, response: { 201: s.orderDetailSchema } },
      },
      async (request, reply) => reply.code(201).send(await checkout.checkout(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body)),
    );
    const tags = ['storefront customers'];
    r.get('/customers/me/orders', { config: signedIn, schema: { tags, summary: 'Your orders, newest first', querystring: pageQuery, response: { 200: pageSchema(s.orderSchema) } } }, async (request) =>
      mine.list(storefrontCtxOf(request), request.query),
    );
    r.get('/customers/me/orders/:number', { config: signedIn, schema: { tags, summary: 'One of your orders, by its number', params: s.numberParams, response: { 200: s.orderDetailSchema } } }, async (request) =>
      mine.get(storefrontCtxOf(request), request.params.number),
    );
  };
}
