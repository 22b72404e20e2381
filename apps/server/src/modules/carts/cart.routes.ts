import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { storefrontCtxOf } from '../customers/index.ts';
import type { IdempotencyCaller } from '../../platform/http/route-config.ts';
import * as s from './cart.schemas.ts';
import type { CartServices } from './carts.services.ts';
import { hashCartToken } from './cart-token.ts';
import type { ShippingAddress } from './carts.tables.ts';

export const CART_TOKEN_HEADER = 'x-cart-token';

export function cartTokenOf(request: FastifyRequest): string | undefined {
  const token = request.headers[CART_TOKEN_HEADER];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Idempotency-Keys of cart changes belong to the cart: its store and a digest of its token. */
const idempotent = {
  scope: (request: FastifyRequest): IdempotencyCaller | null => {
    const token = cartTokenOf(request);
    const store = request.storefront?.store;
    return token && store ? { tenantId: store.tenantId, client: `cart:${hashCartToken(token)}` } : null;
  },
};
const reading = { rateLimitTier: 'public' as const };
const changing = { rateLimitTier: 'public' as const, idempotent };
const tags = ['storefront carts'];
const headers = s.tokenHeaders;
const response = { 200: s.cartSchema };

/** The address as stored: every field present, the optional ones null. */
function addressOf(a: z.infer<typeof s.shippingAddressBody>): ShippingAddress {
  return { name: a.name, line1: a.line1, line2: a.line2 ?? null, city: a.city, postalCode: a.postalCode, region: a.region ?? null, country: a.country, phone: a.phone ?? null };
}

/** /api/v1/store/carts…: a shopper's cart, reached with its id and the X-Cart-Token header. */
export function cartRoutes(services: CartServices, maxLineQuantity: number): FastifyPluginAsync {
  const { carts, details, discounts, claims } = services;
  const line = s.lineBodies(maxLineQuantity);
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post('/carts', { config: reading, schema: { tags, summary: 'Start a cart; the answer carries its token, shown only this once', body: s.createCartBody, response: { 201: s.cartWithTokenSchema } } }, async (request, reply) =>
      reply.code(201).send(await carts.create(storefrontCtxOf(request), request.body)),
    );
    r.get('/carts/:cartId', { config: reading, schema: { tags, summary: 'The cart with its lines priced now and its totals', params: s.cartParams, headers, response } }, async (request) =>
      carts.get(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request)),
    );
    r.post('/carts/:cartId/lines', { config: changing, schema: { tags, summary: 'Add a variant (or more of it)', params: s.cartParams, headers, body: line.add, response } }, async (request) =>
      carts.addLine(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body),
    );
    r.patch('/carts/:cartId/lines/:lineId', { config: changing, schema: { tags, summary: 'Change the quantity of a line', params: s.lineParams, headers, body: line.change, response } }, async (request) =>
      carts.setLineQuantity(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.params.lineId, request.body.quantity),
    );
    r.delete('/carts/:cartId/lines/:lineId', { config: changing, schema: { tags, summary: 'Remove a line', params: s.lineParams, headers, response } }, async (request) =>
      carts.removeLine(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.params.lineId),
    );
    r.put('/carts/:cartId/email', { config: changing, schema: { tags, summary: "Set the shopper's email", params: s.cartParams, headers, body: s.emailBody, response } }, async (request) =>
      details.setEmail(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body.email),
    );
    r.patch(
      '/carts/:cartId',
      { config: changing, schema: { tags, summary: 'Set email, shipping address and shipping method, any of them, in one change', params: s.cartParams, headers, body: s.cartDetailsBody, response } },
      async (request) => {
        const { email, shippingAddress, shippingMethodId } = request.body;
        return details.update(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), { email, shippingAddress: shippingAddress && addressOf(shippingAddress), shippingMethodId });
      },
    );
    r.put('/carts/:cartId/shipping-address', { config: changing, schema: { tags, summary: 'Set the shipping address', params: s.cartParams, headers, body: s.shippingAddressBody, response } }, async (request) =>
      details.setShippingAddress(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), addressOf(request.body)),
    );
    r.put('/carts/:cartId/shipping-method', { config: changing, schema: { tags, summary: 'Choose a shipping method (null: none)', params: s.cartParams, headers, body: s.shippingMethodBody, response } }, async (request) =>
      details.setShippingMethod(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body.shippingMethodId),
    );
    r.post('/carts/:cartId/discount-codes', { config: changing, schema: { tags, summary: 'Apply a discount code', params: s.cartParams, headers, body: s.codeBody, response } }, async (request) =>
      discounts.applyCode(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body.code),
    );
    r.delete('/carts/:cartId/discount-codes/:code', { config: changing, schema: { tags, summary: 'Remove a discount code', params: s.codeParams, headers, response } }, async (request) =>
      discounts.removeCode(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.params.code),
    );
    r.post(
      '/carts/:cartId/claim',
      { config: { ...reading, customerAuth: true }, schema: { tags, summary: "Signed in: take over this guest cart, merging it into your active cart; answers with a new token", params: s.cartParams, headers, body: s.emptyBody, response: { 200: s.cartWithTokenSchema } } },
      async (request) => claims.claim(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request)),
    );
  };
}
