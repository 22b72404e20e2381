/** The checkout-settings module: tax rates, shipping methods and discounts, and what checkout needs of them. Other modules import from here only. */
export { checkoutSettingsRoutes } from './checkout-settings.routes.ts';
export type { CheckoutSettingsDeps } from './checkout-settings.deps.ts';
export { DEFAULT_TAX_CLASS, engineDiscount, engineShippingMethod, checkoutInputsOf, checkoutStoreOf, loadCheckoutStore, storePricingIn, type CheckoutInputs, type CheckoutStore } from './checkout-pricing.ts';
export { checkoutInputColumns, checkoutInputRowsOf, storePricingJson, storePricingRowOf, type CheckoutInputQuery, type CheckoutInputRows, type StorePricingRow } from './checkout-pricing.repository.ts';
export { activeAutomaticDiscounts, activeDiscountsByCodes, customerUses, findDiscountByCode, type DiscountRow } from './discount.repository.ts';
export { customerKeyOf, redeemDiscount, type RedeemOutcome, type Redemption } from './discount-redemption.repository.ts';
export { discountsByIds, releaseRedemption } from './order-discount.repository.ts';
export { activeShippingMethods, findShippingMethod, type ShippingMethodRow } from './shipping-method.repository.ts';
export { shippingMethodView, type ShippingMethodView } from './shipping-method-view.ts';
export { shippingMethodSchema, discountCode } from './checkout-settings.schemas.ts';
export { DISCOUNT_KINDS, SHIPPING_KINDS } from './checkout-settings.tables.ts';
