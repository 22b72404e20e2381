/** The catalog module: categories, brands, products, variants and images. Other modules import from here only. */
export { findVariantSummary, type VariantSummary } from './variant.repository.ts';
export { catalogRoutes } from './catalog.routes.ts';
export type { CatalogDeps } from './catalog.deps.ts';
