import type { FastifyInstance } from 'fastify';
import { customerAccountRoutes } from './customer-account.routes.ts';
import { customerAdminRoutes } from './customer-admin.routes.ts';
import { customerAuthRoutes } from './customer-auth.routes.ts';
import type { CustomerDeps } from './customers.deps.ts';
import { createCustomerServices } from './customers.services.ts';
import { registerStorefrontGuard } from './storefront-request.ts';

/** Mounts the storefront customer routes under /api/v1/store/customers and staff's customer list under /api/v1/admin. */
export async function registerCustomersModule(app: FastifyInstance, deps: CustomerDeps): Promise<void> {
  const services = createCustomerServices(deps);
  await app.register(
    async (store) => {
      registerStorefrontGuard(store, deps);
      await store.register(customerAuthRoutes(services));
      await store.register(customerAccountRoutes(services));
    },
    { prefix: '/api/v1/store/customers' },
  );
  await app.register(customerAdminRoutes(services), { prefix: '/api/v1/admin' });
}
