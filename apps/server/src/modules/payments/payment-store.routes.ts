import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdempotencyCaller } from '../../platform/http/route-config.ts';
import { cartParams, cartTokenOf, hashCartToken, tokenHeaders } from '../carts/index.ts';
import { storefrontCtxOf } from '../customers/index.ts';
import type { PaymentStartService } from './payment-start.service.ts';
import * as s from './payments.schemas.ts';

/** Idempotency-Keys of a payment belong to the cart, as for every other change to it. */
const byCart = {
  scope: (request: FastifyRequest): IdempotencyCaller | null => {
    const token = cartTokenOf(request);
    const store = request.storefront?.store;
    return token && store ? { tenantId: store.tenantId, client: `cart:${hashCartToken(token)}` } : null;
  },
};

/** /api/v1/store/carts/:cartId/payments: a shopper starts paying for their cart online. */
export function paymentStoreRoutes(start: PaymentStartService): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/carts/:cartId/payments',
      {
        config: { rateLimitTier: 'public', idempotent: byCart },
        schema: {
          tags: ['storefront checkout'],
          summary: "Start paying for the cart's grand total with an online provider; replaces the cart's earlier unfinished payment",
          params: cartParams,
          headers: tokenHeaders,
          body: s.startPaymentBody,
          response: { 201: s.paymentSessionSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await start.start(storefrontCtxOf(request), request.params.cartId, cartTokenOf(request), request.body)),
    );
  };
}
