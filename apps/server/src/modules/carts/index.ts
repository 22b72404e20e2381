/** The carts module: storefront carts, priced by the totals engine. Other modules import from here only. */
export { registerCartsModule, type CartsModuleDeps } from './carts.module.ts';
export { cartTasks, EXPIRE_CARTS_TASK } from './carts.tasks.ts';
export type { CartSettings } from './carts.deps.ts';
export type { CartView } from './cart-view.ts';
export { openCart, openPricedCart } from './cart-access.ts';
export { priceCart, type PricedCart, type PricedLine } from './cart-pricing.ts';
export { cartConversionStep, touchCart, type CartRow } from './cart.repository.ts';
export { cartTokenOf, CART_TOKEN_HEADER } from './cart.routes.ts';
export { hashCartToken } from './cart-token.ts';
export { cartParams, tokenHeaders, totalsSchema } from './cart.schemas.ts';
export { email as emailAddressSchema, shippingAddressBody } from './cart.schemas.ts';
export type { ShippingAddress } from './carts.tables.ts';
export { createFilledCart, type FilledCartInput } from './filled-cart.ts';
