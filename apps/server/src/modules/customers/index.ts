/** The customers module: storefront accounts (a realm separate from staff) and staff's view of them. Other modules import from here only. */
export { registerCustomersModule } from './customers.routes.ts';
export { createCustomerDeps, type CustomerDeps } from './customers.deps.ts';
export { createCustomerServices, type CustomerServices } from './customers.services.ts';
export { registerStorefrontGuard, storefrontCtxOf } from './storefront-request.ts';
