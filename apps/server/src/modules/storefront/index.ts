/** The storefront catalog: public, per store, read-only product listing, facets, product pages and categories. Other modules import from here only. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import type { NotificationListener } from '../../platform/db/notification-listener.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { mediaBaseOf, mediaUrl } from '../../platform/storage/media-url.ts';
import type { StoreResolver } from '../tenancy/index.ts';
import { followCatalogChanges } from './catalog-change-feed.ts';
import { ResponseCache } from './response-cache.ts';
import { memoiseStoreResolver } from './store-memo.ts';
import { storefrontRoutes } from './storefront.routes.ts';
import { createStorefrontService } from './storefront.service.ts';

export { CATALOG_CHANGED_CHANNEL } from './catalog-change-feed.ts';
export { availabilityOf, type Availability, type AvailabilityView } from './availability.ts';

export interface StorefrontModuleDeps {
  /** One-statement reads for one store (the listing, facets, product pages and categories). */
  reader: TenantReader;
  config: Config;
  stores: StoreResolver;
  /** The process's database notice listener; without one nothing is cached, as nothing would invalidate it. */
  notices: NotificationListener | null;
  log: Logger;
}

/** How long a resolved store is remembered in this process before the resolver is asked again. */
const STORE_MEMO_MS = 5_000;

/** Mounts the catalog under /api/v1/store, with its response cache following the database's change notices. */
export async function registerStorefrontModule(app: FastifyInstance, deps: StorefrontModuleDeps): Promise<void> {
  const { config, notices } = deps;
  const ttlSeconds = config.storefront.cacheTtlSeconds;
  const cache = ttlSeconds > 0 && notices ? new ResponseCache({ maxBytes: config.storefront.cacheMaxMb * 1024 * 1024 }) : null;
  // Nothing is kept until the listener is up: a change before that would go unnoticed.
  cache?.setEnabled(false);
  const stores = memoiseStoreResolver(deps.stores, { ttlMs: STORE_MEMO_MS, maxEntries: 10_000 });
  if (notices) {
    followCatalogChanges(
      notices,
      {
        storeChanged: (tenantId) => {
          cache?.invalidateTenant(tenantId);
          stores.forgetStore(tenantId);
        },
        trustChanged: (trusted) => {
          cache?.setEnabled(trusted);
          stores.clear();
        },
      },
      deps.log,
    );
  }
  const base = mediaBaseOf(config);
  const media = (storageKey: string) => mediaUrl(base, storageKey);
  await app.register(storefrontRoutes({ service: createStorefrontService(deps.reader, media), stores, cache, ttlSeconds }), { prefix: '/api/v1/store' });
}
