import type { FastifyInstance } from 'fastify';
import { createCheckoutService } from './checkout.service.ts';
import { createCustomerOrderService } from './customer-order.service.ts';
import { orderAdminRoutes } from './order-admin.routes.ts';
import { createOrderAdminService } from './order-admin.service.ts';
import { orderEditRoutes } from './order-edit.routes.ts';
import { createOrderEditService } from './order-edit.service.ts';
import { createOrderExportService } from './order-export.service.ts';
import { orderStoreRoutes } from './order-store.routes.ts';
import type { OrdersDeps } from './orders.deps.ts';
import { createStatusChangeService } from './status-change.service.ts';

export interface OrdersModuleDeps extends OrdersDeps {
  /** The customers module's storefront guard (store by publishable key or host; the customer on customerAuth routes). */
  storefrontGuard: (scope: FastifyInstance) => void;
}

/** Mounts checkout and customers' orders under /api/v1/store, and staff's orders under /api/v1/admin. */
export async function registerOrdersModule(app: FastifyInstance, deps: OrdersModuleDeps): Promise<void> {
  await app.register(
    async (store) => {
      deps.storefrontGuard(store);
      await store.register(orderStoreRoutes(createCheckoutService(deps), createCustomerOrderService(deps)));
    },
    { prefix: '/api/v1/store' },
  );
  await app.register(orderAdminRoutes(createOrderAdminService(deps), createStatusChangeService(deps), createOrderExportService(deps)), { prefix: '/api/v1/admin' });
  await app.register(orderEditRoutes(createOrderEditService(deps)), { prefix: '/api/v1/admin' });
}
