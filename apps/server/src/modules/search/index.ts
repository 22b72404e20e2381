/** Product search for the storefront: ranked, typo-tolerant results and search-box suggestions. Other modules import from here only. */
import type { FastifyInstance } from 'fastify';
import { searchRoutes } from './search.routes.ts';
import { createSearchService, type SearchDeps } from './search.service.ts';

export { createSearchService, type SearchDeps, type SearchService } from './search.service.ts';

export interface SearchModuleDeps extends SearchDeps {
  /** Resolves the store of a storefront request (publishable key or host) before anything else runs. */
  storefrontGuard: (scope: FastifyInstance) => void;
}

/** Mounts /api/v1/store/search and /api/v1/store/search/suggestions behind the storefront guard. */
export async function registerSearchModule(app: FastifyInstance, { storefrontGuard, ...deps }: SearchModuleDeps): Promise<void> {
  const search = createSearchService(deps);
  await app.register(
    async (store) => {
      storefrontGuard(store);
      await store.register(searchRoutes(search));
    },
    { prefix: '/api/v1/store' },
  );
}
