/** The tenancy module: stores, their storefront keys and host names. Other modules import from here only. */
export { storeSchema, tenancyRoutes } from './tenancy.routes.ts';
export { createStoreService, createStoreInput, newPublishableKey, type CreateOwnerAccount, type CreateStoreInput, type CreatedStore, type StoreService, type StoreView, type TenancyDeps } from './store.service.ts';
export { createStoreAdminService, type StoreAdminService, type StorePageRequest, type StoreStatus } from './store-admin.service.ts';
export { readStoreSettings, taxClassSchema, type StoreSettings } from './store-settings.ts';
export { findStoreByHandle, findStoreById, type StoreRow } from './store.repository.ts';
export { createStoreResolver, normaliseHost, type ResolvedStore, type StoreResolver } from './store-resolver.ts';
export { seedDemoStore, DEMO_STORE, type DemoStoreSeed } from './demo-store.ts';
export { parseStoreCommand, runStoreCommand, STORE_USAGE } from './store.cli.ts';
export { storefrontAccessRoutes } from './storefront-access.routes.ts';
export { createStorefrontAccessService, type StorefrontAccessService } from './storefront-access.service.ts';
