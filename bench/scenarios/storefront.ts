import type { BenchContext, Prepared, Scenario } from './scenario.ts';

/** The demo store's storefront key, sent as every storefront client does. */
async function storefrontKey(ctx: BenchContext): Promise<Prepared> {
  return { headers: { 'x-publishable-key': (await ctx.demo()).publishableKey } };
}

export const storefrontListing: Scenario = {
  name: 'storefront-listing',
  description: "GET /api/v1/store/products?limit=20: a page of 20 with each variant's price and availability; server-side cache on",
  method: 'GET',
  path: '/api/v1/store/products?limit=20',
  setup: storefrontKey,
};

export const storefrontListingUncached: Scenario = {
  ...storefrontListing,
  name: 'storefront-listing-uncached',
  description: 'the same page from a second server with STOREFRONT_CACHE_TTL_SECONDS=0: every request reads the database',
  serverEnv: { STOREFRONT_CACHE_TTL_SECONDS: '0', WORKER_IN_SERVER: 'false', MIGRATE_ON_START: 'false' },
};

export const productBySlug: Scenario = {
  name: 'product-by-slug',
  description: 'GET /api/v1/store/products/:slug: one product with its variants, stock and images',
  method: 'GET',
  path: '/api/v1/store/products/:slug',
  async setup(ctx) {
    const prepared = await storefrontKey(ctx);
    const res = await fetch(`${ctx.baseUrl}/api/v1/store/products?limit=20`, { headers: prepared.headers });
    const page = (await res.json()) as { data?: Array<{ slug: string }> };
    // The middle of the first page: an ordinary product, not the newest one.
    const slug = page.data?.[10]?.slug ?? page.data?.[0]?.slug;
    if (!slug) throw new Error(`the storefront listing answered ${res.status} without products`);
    return { ...prepared, path: `/api/v1/store/products/${encodeURIComponent(slug)}` };
  },
};

export const search: Scenario = {
  name: 'search',
  description: 'GET /api/v1/store/search?q=linen: full-text and trigram search over the whole catalog, first page',
  method: 'GET',
  path: '/api/v1/store/search?q=linen',
  setup: storefrontKey,
};
