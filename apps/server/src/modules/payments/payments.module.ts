import type { FastifyInstance } from 'fastify';
import type { Registry } from '../../platform/metrics/registry.ts';
import { createOrderPaymentService } from './order-payment.service.ts';
import { paymentAdminRoutes } from './payment-admin.routes.ts';
import { registerPaymentMetrics } from './payment-metrics.ts';
import { createPaymentStartService } from './payment-start.service.ts';
import { paymentStoreRoutes } from './payment-store.routes.ts';
import { createProviderAccountService } from './provider-account.service.ts';
import { createRefundService } from './refund.service.ts';
import { createWebhookService } from './webhook.service.ts';
import { webhookRoutes } from './webhook.routes.ts';
import type { PaymentsDeps } from './payments.deps.ts';

export interface PaymentsModuleDeps extends PaymentsDeps {
  /** The customers module's storefront guard (store by publishable key or host). */
  storefrontGuard: (scope: FastifyInstance) => void;
  registry: Registry;
}

/** Mounts staff's payment routes under /api/v1/admin, paying for a cart under /api/v1/store, and the providers' /webhooks. */
export async function registerPaymentsModule(app: FastifyInstance, deps: PaymentsModuleDeps): Promise<void> {
  registerPaymentMetrics(deps.registry);
  await app.register(paymentAdminRoutes(createProviderAccountService(deps), createOrderPaymentService(deps), createRefundService(deps)), { prefix: '/api/v1/admin' });
  await app.register(
    async (store) => {
      deps.storefrontGuard(store);
      await store.register(paymentStoreRoutes(createPaymentStartService(deps)));
    },
    { prefix: '/api/v1/store' },
  );
  await app.register(webhookRoutes(createWebhookService(deps)));
}
