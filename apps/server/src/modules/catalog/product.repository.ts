import { and, asc, desc, eq, exists, ilike, inArray, like, lt, ne, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { brands, productCategories, products, productSlugRedirects, variants } from './catalog.tables.ts';

export type ProductRow = typeof products.$inferSelect;
export type ProductFields = Omit<typeof products.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;
export interface ProductFilters {
  status?: ProductRow['status'] | undefined;
  categoryId?: string | undefined;
  brandId?: string | undefined;
  /** Part of the name, slug, a variant's SKU or barcode (case-insensitive); when none has it, the name with a typo. */
  q?: string | undefined;
}

export async function findProduct(tx: Tx, tenantId: string, id: string): Promise<ProductRow | undefined> {
  const [row] = await tx.select().from(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
  return row;
}

/** Locks the product row for the rest of the transaction; undefined when the store has no such product. */
export async function lockProduct(tx: Tx, tenantId: string, id: string): Promise<ProductRow | undefined> {
  const [row] = await tx.select().from(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id))).for('update');
  return row;
}

/** Slugs that are `base` or `base-…`, live or redirected, of products other than `exceptId`. */
export async function productSlugsLike(tx: Tx, tenantId: string, base: string, exceptId?: string): Promise<string[]> {
  const pattern = `${base.replace(/[\\%_]/g, '\\$&')}-%`;
  const live = await tx
    .select({ slug: products.slug })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), or(eq(products.slug, base), like(products.slug, pattern)), exceptId ? ne(products.id, exceptId) : undefined));
  const old = await tx
    .select({ slug: productSlugRedirects.oldSlug })
    .from(productSlugRedirects)
    .where(and(eq(productSlugRedirects.tenantId, tenantId), or(eq(productSlugRedirects.oldSlug, base), like(productSlugRedirects.oldSlug, pattern)), exceptId ? ne(productSlugRedirects.productId, exceptId) : undefined));
  return [...live, ...old].map((r) => r.slug);
}

/** Serialises slug choices from the same base in a store, so two products named alike get -2 and -3, not a conflict. */
export async function lockSlugBase(tx: Tx, tenantId: string, base: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`catalog.product-slug:${tenantId}:${base}`}, 0))`);
}

export async function insertProduct(tx: Tx, tenantId: string, fields: ProductFields & { slug: string; name: string }): Promise<ProductRow> {
  const [row] = await tx.insert(products).values({ ...fields, id: uuidv7(), tenantId }).returning();
  return row!;
}

export async function updateProduct(tx: Tx, tenantId: string, id: string, set: Partial<ProductFields>): Promise<ProductRow> {
  const [row] = await tx.update(products).set({ ...set, updatedAt: new Date() }).where(and(eq(products.tenantId, tenantId), eq(products.id, id))).returning();
  return row!;
}

/** Keeps `oldSlug` pointing at the product; a live slug is never also a redirect. */
export async function redirectSlug(tx: Tx, tenantId: string, productId: string, oldSlug: string, newSlug: string): Promise<void> {
  await tx.delete(productSlugRedirects).where(and(eq(productSlugRedirects.tenantId, tenantId), eq(productSlugRedirects.oldSlug, newSlug)));
  await tx
    .insert(productSlugRedirects)
    .values({ id: uuidv7(), tenantId, productId, oldSlug })
    .onConflictDoUpdate({ target: [productSlugRedirects.tenantId, productSlugRedirects.oldSlug], set: { productId } });
}

export async function listRedirects(tx: Tx, tenantId: string, productId: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: productSlugRedirects.oldSlug })
    .from(productSlugRedirects)
    .where(and(eq(productSlugRedirects.tenantId, tenantId), eq(productSlugRedirects.productId, productId)))
    .orderBy(asc(productSlugRedirects.createdAt));
  return rows.map((r) => r.slug);
}

export async function categoryIdsOf(tx: Tx, tenantId: string, productId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: productCategories.categoryId })
    .from(productCategories)
    .where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.productId, productId)))
    .orderBy(asc(productCategories.position));
  return rows.map((r) => r.id);
}

export async function setCategories(tx: Tx, tenantId: string, productId: string, categoryIds: string[]): Promise<void> {
  await tx.delete(productCategories).where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.productId, productId)));
  if (categoryIds.length > 0) await tx.insert(productCategories).values(categoryIds.map((categoryId, position) => ({ tenantId, productId, categoryId, position })));
}

export async function brandExists(tx: Tx, tenantId: string, brandId: string): Promise<boolean> {
  const rows = await tx.select({ id: brands.id }).from(brands).where(and(eq(brands.tenantId, tenantId), eq(brands.id, brandId)));
  return rows.length > 0;
}

/**
 * Products matching the filters, newest first, one more than `limit` when there are more.
 * `q` matches part of the name, slug, a SKU or a barcode; when nothing does, the name with a
 * typo (product_search_is_typo). The candidates come from product_search_text_matches, which
 * reaches the trigram indexes on search_text (holding all of those, kept by triggers) and on
 * name; see migration 0011 for why it is a function.
 */
export function productListQuery(tx: Tx, tenantId: string, filters: ProductFilters, page: { limit: number; cursor?: string | undefined }) {
  const part = filters.q ? `%${filters.q.replace(/[\\%_]/g, '\\$&')}%` : undefined;
  return tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.tenantId, tenantId),
        filters.status ? eq(products.status, filters.status) : undefined,
        filters.brandId ? eq(products.brandId, filters.brandId) : undefined,
        filters.categoryId
          ? inArray(products.id, tx.select({ id: productCategories.productId }).from(productCategories).where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.categoryId, filters.categoryId))))
          : undefined,
        filters.q && part
          ? and(
              inArray(products.id, sql`(select product_search_text_matches(${part}, ${filters.q}))`),
              or(
                ilike(products.name, part),
                ilike(products.slug, part),
                exists(tx.select({ one: sql`1` }).from(variants).where(and(eq(variants.tenantId, tenantId), eq(variants.productId, products.id), or(ilike(variants.sku, part), ilike(variants.barcode, part))))),
                sql`product_search_is_typo(${filters.q}, ${products.name})`,
              ),
            )
          : undefined,
        page.cursor ? lt(products.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(products.id))
    .limit(page.limit + 1);
}

export async function listProducts(tx: Tx, tenantId: string, filters: ProductFilters, page: { limit: number; cursor?: string | undefined }): Promise<ProductRow[]> {
  return productListQuery(tx, tenantId, filters, page);
}
