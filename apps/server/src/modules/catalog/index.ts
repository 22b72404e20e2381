/** The catalog module: categories, brands, products, variants and images. Other modules import from here only. */
export { findVariantSummary, type VariantSummary } from './variant.repository.ts';
