import type { FastifyPluginAsync } from 'fastify';
import type { CheckoutSettingsDeps } from './checkout-settings.deps.ts';
import { discountRoutes } from './discount.routes.ts';
import { createDiscountService } from './discount.service.ts';
import { shippingMethodRoutes } from './shipping-method.routes.ts';
import { createShippingMethodService } from './shipping-method.service.ts';
import { taxRateRoutes } from './tax-rate.routes.ts';
import { createTaxRateService } from './tax-rate.service.ts';

/** /api/v1/admin/…: tax rates, shipping methods and discounts. */
export function checkoutSettingsRoutes(deps: CheckoutSettingsDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(taxRateRoutes(createTaxRateService(deps)));
    await app.register(shippingMethodRoutes(createShippingMethodService(deps)));
    await app.register(discountRoutes(createDiscountService(deps)));
  };
}
