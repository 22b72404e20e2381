import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { activeShippingMethods, shippingMethodView } from '../checkout-settings/index.ts';
import { storefrontCtxOf } from '../customers/index.ts';
import { storeOf } from './carts.deps.ts';
import { storefrontShippingMethodSchema } from './cart.schemas.ts';

/** The most shipping methods the storefront lists. */
const MAX_METHODS = 100;

/** /api/v1/store/shipping-methods: what a shopper can choose from, in the merchant's order. */
export function shippingOptionRoutes(db: Db): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/shipping-methods',
      { config: { rateLimitTier: 'public' }, schema: { tags: ['storefront carts'], summary: "The store's active shipping methods", response: { 200: z.object({ data: z.array(storefrontShippingMethodSchema), nextCursor: z.null() }) } } },
      async (request) => {
        const tenantId = storeOf(storefrontCtxOf(request));
        const rows = await inTransaction(db, { tenantId }, (tx) => activeShippingMethods(tx, tenantId, MAX_METHODS));
        const data = rows.map((row) => {
          const { id, name, kind, price, freeFrom, codFee } = shippingMethodView(row);
          return { id, name, kind, price, freeFrom, codFee };
        });
        return { data, nextCursor: null };
      },
    );
  };
}
