import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.ts';
import { refreshPlannerStatistics } from '../../platform/db/planner-statistics.ts';
import { asInfrastructure } from '../../platform/db/transaction.ts';

/**
 * Set-based writes of a seeded catalog: each statement takes a whole batch as
 * one JSON parameter and expands it with json_to_recordset, so thousands of
 * rows cost one round trip and the statement triggers run once per batch.
 */

const json = (value: unknown) => JSON.stringify(value);

/** One seed at a time per store, so two runs never pick the same product numbers. */
export async function lockCatalogSeed(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`winkel:catalog-seed:${tenantId}`}, 0))`);
}

/**
 * Refreshes the planner's statistics of the tables the catalog triggers query,
 * inside the seeding transaction (ANALYZE counts the transaction's own rows).
 * Without it the triggers' statements are planned for the near-empty tables
 * of the start and their cost grows with the square of the catalog. ANALYZE
 * needs the table owner, hence the connection's own role.
 */
export async function refreshCatalogStatistics(tx: Tx): Promise<void> {
  await asInfrastructure(tx, () => tx.execute(sql`analyze products (tenant_id, id), variants (tenant_id, product_id)`));
}

/** After a seed has committed: every table it filled that storefront and checkout statements read. */
export function refreshStorefrontStatistics(db: Db): Promise<void> {
  return refreshPlannerStatistics(db, ['products', 'variants', 'product_categories', 'categories', 'brands', 'product_images', 'stock_levels']);
}

export async function countProducts(tx: Tx, tenantId: string): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from products where tenant_id = ${tenantId}`);
  return result.rows[0]?.n ?? 0;
}

export async function storeCurrency(tx: Tx, tenantId: string): Promise<string | undefined> {
  const result = await tx.execute<{ currency: string }>(sql`select default_currency as currency from stores where tenant_id = ${tenantId} and id = ${tenantId}`);
  return result.rows[0]?.currency;
}

export interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  parent_slug: string | null;
  position: number;
  description: string | null;
}

/** Adds the categories whose slug the store does not use yet; their parents must exist already. */
export async function insertMissingCategories(tx: Tx, tenantId: string, rows: CategoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into categories (id, tenant_id, parent_id, name, slug, description, position)
    select r.id, ${tenantId}, p.id, r.name, r.slug, r.description, r.position
    from json_to_recordset(${json(rows)}::json) as r(id uuid, name text, slug text, parent_slug text, position int, description text)
    left join categories p on p.tenant_id = ${tenantId} and p.slug = r.parent_slug
    on conflict (tenant_id, slug) do nothing`);
}

export async function categoryIdsBySlug(tx: Tx, tenantId: string, slugs: string[]): Promise<Map<string, string>> {
  const result = await tx.execute<{ id: string; slug: string }>(sql`
    select c.id, c.slug from json_array_elements_text(${json(slugs)}::json) as w(slug)
    join categories c on c.tenant_id = ${tenantId} and c.slug = w.slug`);
  return new Map(result.rows.map((r) => [r.slug, r.id]));
}

export async function insertMissingBrands(tx: Tx, tenantId: string, rows: Array<{ id: string; name: string; slug: string }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into brands (id, tenant_id, name, slug)
    select r.id, ${tenantId}, r.name, r.slug
    from json_to_recordset(${json(rows)}::json) as r(id uuid, name text, slug text)
    on conflict (tenant_id, slug) do nothing`);
}

export async function brandIdsBySlug(tx: Tx, tenantId: string, slugs: string[]): Promise<Map<string, string>> {
  const result = await tx.execute<{ id: string; slug: string }>(sql`
    select b.id, b.slug from json_array_elements_text(${json(slugs)}::json) as w(slug)
    join brands b on b.tenant_id = ${tenantId} and b.slug = w.slug`);
  return new Map(result.rows.map((r) => [r.slug, r.id]));
}

/** Which of these slugs the store's products use, live or as redirects of old slugs. */
export async function productSlugsInUse(tx: Tx, tenantId: string, slugs: string[]): Promise<Set<string>> {
  const result = await tx.execute<{ slug: string }>(sql`
    with wanted as materialized (select json_array_elements_text(${json(slugs)}::json) as slug)
    select p.slug from wanted w join products p on p.tenant_id = ${tenantId} and p.slug = w.slug
    union
    select r.old_slug from wanted w join product_slug_redirects r on r.tenant_id = ${tenantId} and r.old_slug = w.slug`);
  return new Set(result.rows.map((r) => r.slug));
}

export async function skusInUse(tx: Tx, tenantId: string, skus: string[]): Promise<Set<string>> {
  const result = await tx.execute<{ sku: string }>(sql`
    select v.sku from json_array_elements_text(${json(skus)}::json) as w(sku)
    join variants v on v.tenant_id = ${tenantId} and v.sku = w.sku`);
  return new Set(result.rows.map((r) => r.sku));
}

export interface ProductRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  featured: boolean;
  brand_id: string | null;
  tags: string[];
  attributes: Record<string, string>;
  seo_description: string | null;
  min_price_amount: number | null;
  max_price_amount: number | null;
}

/**
 * Active and published now. The price range is the one the variants trigger
 * will compute: given up front, the trigger finds nothing to change and skips
 * rewriting every product row (it still checks each one).
 */
export async function insertProducts(tx: Tx, tenantId: string, rows: ProductRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into products (id, tenant_id, name, slug, description, status, published_at, featured, brand_id, tags, attributes, seo_description, min_price_amount, max_price_amount)
    select r.id, ${tenantId}, r.name, r.slug, r.description, 'active', now(), r.featured, r.brand_id, r.tags, r.attributes, r.seo_description, r.min_price_amount, r.max_price_amount
    from json_to_recordset(${json(rows)}::json)
      as r(id uuid, name text, slug text, description text, featured boolean, brand_id uuid, tags text[], attributes jsonb, seo_description text,
           min_price_amount bigint, max_price_amount bigint)`);
}

export async function insertProductCategories(tx: Tx, tenantId: string, rows: Array<{ product_id: string; category_id: string; position: number }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into product_categories (tenant_id, product_id, category_id, position)
    select ${tenantId}, r.product_id, r.category_id, r.position
    from json_to_recordset(${json(rows)}::json) as r(product_id uuid, category_id uuid, position int)`);
}

export interface VariantRow {
  id: string;
  product_id: string;
  sku: string;
  option_values: Record<string, string>;
  price_amount: number;
  compare_at_amount: number | null;
  cost_amount: number | null;
  weight_grams: number | null;
  position: number;
}

export async function insertVariants(tx: Tx, tenantId: string, currency: string, rows: VariantRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into variants (id, tenant_id, product_id, sku, option_values, price_amount, currency, compare_at_amount, cost_amount, weight_grams, position)
    select r.id, ${tenantId}, r.product_id, r.sku, r.option_values, r.price_amount, ${currency}, r.compare_at_amount, r.cost_amount, r.weight_grams, r.position
    from json_to_recordset(${json(rows)}::json)
      as r(id uuid, product_id uuid, sku text, option_values jsonb, price_amount bigint, compare_at_amount bigint, cost_amount bigint, weight_grams int, position int)`);
}

export interface OpeningStockRow {
  level_id: string;
  movement_id: string;
  variant_id: string;
  on_hand: number;
  low_stock_threshold: number | null;
}

/**
 * A stock level per variant at the location, and for each one with stock a
 * 'receive' row in the ledger of the same quantity, so on_hand equals the sum
 * of its movements from the start.
 */
export async function insertOpeningStock(tx: Tx, tenantId: string, locationId: string, reference: string, rows: OpeningStockRow[]): Promise<void> {
  if (rows.length === 0) return;
  const batch = json(rows);
  await tx.execute(sql`
    insert into stock_levels (id, tenant_id, variant_id, location_id, on_hand, low_stock_threshold)
    select r.level_id, ${tenantId}, r.variant_id, ${locationId}, r.on_hand, r.low_stock_threshold
    from json_to_recordset(${batch}::json) as r(level_id uuid, variant_id uuid, on_hand int, low_stock_threshold int)`);
  await tx.execute(sql`
    insert into stock_movements (id, tenant_id, variant_id, location_id, kind, quantity, reason, reference, actor_type, actor_id)
    select r.movement_id, ${tenantId}, r.variant_id, ${locationId}, 'receive', r.on_hand, 'Opening stock', ${reference}, 'system', 'seed'
    from json_to_recordset(${batch}::json) as r(movement_id uuid, variant_id uuid, on_hand int)
    where r.on_hand > 0`);
}

/** Of these slugs, the store's products that have no image yet. */
export async function productsWithoutImages(tx: Tx, tenantId: string, slugs: string[]): Promise<Array<{ id: string; slug: string }>> {
  const result = await tx.execute<{ id: string; slug: string }>(sql`
    select p.id, p.slug from json_array_elements_text(${json(slugs)}::json) as w(slug)
    join products p on p.tenant_id = ${tenantId} and p.slug = w.slug
    where not exists (select 1 from product_images i where i.tenant_id = ${tenantId} and i.product_id = p.id)`);
  return result.rows;
}
