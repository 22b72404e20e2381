import type { FastifyInstance } from 'fastify';
import { cartRoutes } from './cart.routes.ts';
import type { CartDeps } from './carts.deps.ts';
import { createCartServices } from './carts.services.ts';
import { shippingOptionRoutes } from './shipping-options.routes.ts';

export interface CartsModuleDeps extends CartDeps {
  /** The customers module's storefront guard (store by publishable key or host; the customer on customerAuth routes). */
  storefrontGuard: (scope: FastifyInstance) => void;
}

/** Mounts the cart routes and the storefront's shipping methods under /api/v1/store. */
export async function registerCartsModule(app: FastifyInstance, deps: CartsModuleDeps): Promise<void> {
  await app.register(
    async (store) => {
      deps.storefrontGuard(store);
      await store.register(cartRoutes(createCartServices(deps), deps.settings.maxLineQuantity));
      await store.register(shippingOptionRoutes(deps.db));
    },
    { prefix: '/api/v1/store' },
  );
}
