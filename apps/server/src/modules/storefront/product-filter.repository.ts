import { sql, type SQL } from 'drizzle-orm';
import type { ProductFilters } from './storefront.schemas.ts';

/**
 * SQL fragments shared by the listing and the facets. Each filter is a
 * condition on a row `p` with the products columns (id, brand_id,
 * min_price_amount, attributes, featured); stock comes from the caller, who
 * knows the cheapest way to tell it.
 */

/** What shoppers may see: active, published by now, and buyable (a product without variants has no price). */
export function visibleProduct(tenantId: string): SQL {
  return sql`p.tenant_id = ${tenantId} and p.status = 'active' and p.published_at <= now() and p.min_price_amount is not null`;
}

/** When (epoch milliseconds) the next product of the store becomes visible by time alone: responses must not be kept past it. */
export function nextPublication(tenantId: string): SQL<number | null> {
  return sql<number | null>`(select (extract(epoch from min(x.published_at)) * 1000)::float8 from products x where x.tenant_id = ${tenantId} and x.status = 'active' and x.published_at > now())`;
}

/** The store's settings (stock display), read with the data they apply to. */
export function storeSettings(tenantId: string): SQL<unknown> {
  return sql<unknown>`(select s.settings from stores s where s.id = ${tenantId})`;
}

/** The FROM of a statement whose columns are all subqueries: exactly one row. */
export const ONE_ROW = sql`(select 1) as one_row`;

/** Ids of the category with this slug and of every category below it (depth-capped against a cycle). */
export function categorySubtree(tenantId: string, slug: string): SQL {
  return sql`array(
    with recursive sub(id, depth) as (
      select c.id, 0 from categories c where c.tenant_id = ${tenantId} and c.slug = ${slug}
      union all
      select c.id, sub.depth + 1 from categories c join sub on c.parent_id = sub.id where c.tenant_id = ${tenantId} and sub.depth < 50
    ) select sub.id from sub)`;
}

/** Available stock of variant `v` summed over the store's locations. */
export function variantAvailable(tenantId: string): SQL {
  return sql`coalesce((select sum(s.available) from stock_levels s where s.tenant_id = ${tenantId} and s.variant_id = v.id), 0)`;
}

/** Has product `p` a variant that is in stock (or does not track stock)? Cheap for the few rows of one page. */
export function productInStock(tenantId: string): SQL {
  return sql`exists (select 1 from variants v where v.tenant_id = ${tenantId} and v.product_id = p.id and (not v.track_stock or ${variantAvailable(tenantId)} > 0))`;
}

export type FilterName = 'category' | 'brand' | 'price' | 'inStock' | 'featured' | `attr:${string}`;

/** The filters in force, by name, so a facet can leave its own out. */
export function filterConditions(tenantId: string, filters: ProductFilters, inStock: SQL): Map<FilterName, SQL> {
  const conditions = new Map<FilterName, SQL>();
  if (filters.categorySlug !== undefined) {
    conditions.set(
      'category',
      sql`exists (select 1 from product_categories pc where pc.tenant_id = ${tenantId} and pc.product_id = p.id and pc.category_id = any(${categorySubtree(tenantId, filters.categorySlug)}))`,
    );
  }
  if (filters.brandSlugs.length > 0) {
    conditions.set('brand', sql`p.brand_id = any(array(select b.id from brands b where b.tenant_id = ${tenantId} and b.slug = any(${sql.param(filters.brandSlugs)}::text[])))`);
  }
  if (filters.minPrice !== undefined || filters.maxPrice !== undefined) {
    conditions.set('price', sql`p.min_price_amount between ${filters.minPrice ?? 0} and ${filters.maxPrice ?? Number.MAX_SAFE_INTEGER}`);
  }
  if (filters.inStock) conditions.set('inStock', inStock);
  if (filters.featured) conditions.set('featured', sql`p.featured`);
  for (const { name, values } of filters.attributes) {
    conditions.set(`attr:${name}`, sql`p.attributes ->> ${name} = any(${sql.param(values)}::text[])`);
  }
  return conditions;
}

/** `and` of the conditions except those named; `true` when none is left. */
export function allExcept(conditions: Map<FilterName, SQL>, ...left: FilterName[]): SQL {
  const kept = [...conditions].filter(([name]) => !left.includes(name)).map(([, condition]) => condition);
  return kept.length === 0 ? sql`true` : sql.join(kept, sql` and `);
}
