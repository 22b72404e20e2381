import type { FastifyInstance } from 'fastify';
import { checkoutFormRoutes } from './checkout-form.routes.ts';
import { createCheckoutFormService } from './checkout-form.service.ts';
import type { CheckoutFormsDeps } from './checkout-forms.deps.ts';
import { createFormOrderService } from './form-order.service.ts';
import { createPublicFormService } from './public-form.service.ts';
import { publicFormRoutes } from './public-form.routes.ts';

/** Mounts staff's checkout forms under /api/v1/admin and the published ones under /api/v1/public. */
export async function registerCheckoutFormsModule(app: FastifyInstance, deps: CheckoutFormsDeps): Promise<void> {
  await app.register(checkoutFormRoutes(createCheckoutFormService(deps)), { prefix: '/api/v1/admin' });
  await app.register(publicFormRoutes(createPublicFormService(deps), createFormOrderService(deps)), { prefix: '/api/v1/public' });
}
