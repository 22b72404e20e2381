/** A catalog to write in one go: what the generator and the demo catalog produce and the writer stores. */

export interface PlannedCategory {
  name: string;
  slug: string;
  /** Slug of the parent, listed earlier in the plan (or already in the store); null at the top. */
  parentSlug: string | null;
  position: number;
  description?: string;
}

export interface PlannedBrand {
  name: string;
  slug: string;
}

export interface PlannedVariant {
  sku: string;
  optionValues: Record<string, string>;
  /** Minor units of the store's currency. */
  priceAmount: number;
  compareAtAmount: number | null;
  costAmount: number | null;
  weightGrams: number | null;
  /** Stock received at the store's default location; 0 leaves a stock level without ledger rows. */
  onHand: number;
  lowStockThreshold: number | null;
}

export interface PlannedProduct {
  name: string;
  /** Wanted slug; the writer adds a suffix when the store already uses it. */
  slug: string;
  /** Plain HTML from the small set the catalog keeps (<p>, <ul>, <li>, <strong>). */
  description: string;
  featured: boolean;
  brandSlug: string | null;
  categorySlugs: string[];
  tags: string[];
  attributes: Record<string, string>;
  seoDescription: string | null;
  variants: PlannedVariant[];
}

export interface CatalogPlan {
  categories: PlannedCategory[];
  brands: PlannedBrand[];
  products: PlannedProduct[];
}

/** A URL slug from the plain names the seed lists use. */
export function toSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'item'
  );
}
