import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, Tx } from '../../platform/db/database.ts';
import { refreshPlannerStatistics } from '../../platform/db/planner-statistics.ts';
import { brands, categories, productCategories, products, productSlugRedirects, variants } from './catalog.tables.ts';
import type { ProductFields, ProductRow } from './product.repository.ts';
import type { VariantFields, VariantRow } from './variant.repository.ts';

/** After an import has committed: the tables it writes, so the storefront plans for the catalog as it now is. */
export function refreshImportedStatistics(db: Db): Promise<void> {
  return refreshPlannerStatistics(db, ['products', 'variants', 'product_categories', 'brands', 'product_slug_redirects']);
}

/** Every brand of the store, for resolving the brand column by slug or name. */
export async function allBrands(tx: Tx, tenantId: string): Promise<Array<{ id: string; slug: string; name: string }>> {
  return tx.select({ id: brands.id, slug: brands.slug, name: brands.name }).from(brands).where(eq(brands.tenantId, tenantId));
}

/** Every category of the store, for resolving the categories column by slug. */
export async function allCategories(tx: Tx, tenantId: string): Promise<Array<{ id: string; slug: string }>> {
  return tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(eq(categories.tenantId, tenantId));
}

export async function productsBySlugs(tx: Tx, tenantId: string, slugs: string[]): Promise<ProductRow[]> {
  if (slugs.length === 0) return [];
  return tx.select().from(products).where(and(eq(products.tenantId, tenantId), inArray(products.slug, slugs)));
}

/** Old slugs among these, each with the live slug of the product it redirects to. */
export async function redirectsBySlugs(tx: Tx, tenantId: string, slugs: string[]): Promise<Array<{ oldSlug: string; currentSlug: string }>> {
  if (slugs.length === 0) return [];
  return tx
    .select({ oldSlug: productSlugRedirects.oldSlug, currentSlug: products.slug })
    .from(productSlugRedirects)
    .innerJoin(products, and(eq(products.tenantId, tenantId), eq(products.id, productSlugRedirects.productId)))
    .where(and(eq(productSlugRedirects.tenantId, tenantId), inArray(productSlugRedirects.oldSlug, slugs)));
}

/** The variants with these SKUs, each with its product's slug. */
export async function variantsBySkus(tx: Tx, tenantId: string, skus: string[]): Promise<Array<{ variant: VariantRow; productSlug: string }>> {
  if (skus.length === 0) return [];
  return tx
    .select({ variant: variants, productSlug: products.slug })
    .from(variants)
    .innerJoin(products, and(eq(products.tenantId, tenantId), eq(products.id, variants.productId)))
    .where(and(eq(variants.tenantId, tenantId), inArray(variants.sku, skus)));
}

/** Every variant of these products, in position order. */
export async function variantsOfProducts(tx: Tx, tenantId: string, productIds: string[]): Promise<VariantRow[]> {
  if (productIds.length === 0) return [];
  return tx
    .select()
    .from(variants)
    .where(and(eq(variants.tenantId, tenantId), inArray(variants.productId, productIds)))
    .orderBy(asc(variants.productId), asc(variants.position), asc(variants.id));
}

/** The category links of these products, in position order. */
export async function categoryLinksOf(tx: Tx, tenantId: string, productIds: string[]): Promise<Array<{ productId: string; categoryId: string }>> {
  if (productIds.length === 0) return [];
  return tx
    .select({ productId: productCategories.productId, categoryId: productCategories.categoryId })
    .from(productCategories)
    .where(and(eq(productCategories.tenantId, tenantId), inArray(productCategories.productId, productIds)))
    .orderBy(asc(productCategories.productId), asc(productCategories.position));
}

export type NewProduct = ProductFields & { name: string; slug: string };

/** Products in one statement; returns their ids by slug. */
export async function insertProducts(tx: Tx, tenantId: string, rows: NewProduct[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const inserted = await tx
    .insert(products)
    .values(rows.map((r) => ({ ...r, id: uuidv7(), tenantId })))
    .returning({ id: products.id, slug: products.slug });
  return new Map(inserted.map((r) => [r.slug, r.id]));
}

export async function insertCategoryLinks(tx: Tx, tenantId: string, links: Array<{ productId: string; categoryIds: string[] }>): Promise<void> {
  const rows = links.flatMap((l) => l.categoryIds.map((categoryId, position) => ({ tenantId, productId: l.productId, categoryId, position })));
  if (rows.length > 0) await tx.insert(productCategories).values(rows);
}

/** Variants of several products in one statement. */
export async function insertVariantRows(tx: Tx, tenantId: string, rows: Array<VariantFields & { productId: string }>): Promise<void> {
  if (rows.length > 0) await tx.insert(variants).values(rows.map((r) => ({ ...r, id: uuidv7(), tenantId })));
}

/** Sets every changeable column of these variants (each row as it should end up) in one statement. */
export async function updateVariantRows(tx: Tx, tenantId: string, rows: VariantRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (r: VariantRow) => T) => sql.param(rows.map(pick));
  await tx.execute(sql`
    update variants v set
      barcode = x.barcode, option_values = x.option_values, price_amount = x.price_amount, currency = x.currency,
      compare_at_amount = x.compare_at_amount, cost_amount = x.cost_amount, weight_grams = x.weight_grams,
      tax_class = x.tax_class, track_stock = x.track_stock, updated_at = now()
    from unnest(
      ${column((r) => r.id)}::uuid[], ${column((r) => r.barcode)}::text[], ${column((r) => JSON.stringify(r.optionValues))}::jsonb[],
      ${column((r) => r.priceAmount)}::bigint[], ${column((r) => r.currency)}::char(3)[], ${column((r) => r.compareAtAmount)}::bigint[],
      ${column((r) => r.costAmount)}::bigint[], ${column((r) => r.weightGrams)}::integer[], ${column((r) => r.taxClass)}::text[], ${column((r) => r.trackStock)}::boolean[]
    ) as x(id, barcode, option_values, price_amount, currency, compare_at_amount, cost_amount, weight_grams, tax_class, track_stock)
    where v.tenant_id = ${tenantId} and v.id = x.id`);
}
