import { sql } from 'drizzle-orm';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import { publicationTime, type Snapshot } from './listing.repository.ts';
import { allExcept, filterConditions, nextPublication, ONE_ROW, visibleProduct } from './product-filter.repository.ts';
import { selectPrepared } from './prepared-select.repository.ts';
import type { ProductFilters } from './storefront.schemas.ts';

export interface FacetRows {
  total: number;
  brands: Array<{ slug: string; name: string; count: number }> | null;
  categories: Array<{ slug: string; name: string; parentSlug: string | null; count: number }> | null;
  attributes: Array<{ name: string; value: string; count: number }> | null;
  price: { min: number | null; max: number | null };
  inStock: number;
}

/**
 * Counts for the current filter in one statement. Each facet leaves its own
 * filter out (brand counts ignore the brand filter, and so on), so a shopper
 * sees what widening it would bring. Stock is worked out once for every
 * visible product with a join rather than per product.
 */
export async function facetCounts(reader: TenantReader, tenantId: string, filters: ProductFilters): Promise<Snapshot<FacetRows>> {
  const conditions = filterConditions(tenantId, filters, sql`p.in_stock`);
  const attributeNames = filters.attributes.map((a) => a.name);
  // An attribute's own values are counted without its own filter, but with every other attribute's.
  const otherAttributes = filters.attributes.length === 0 ? sql`true` : sql.join(filters.attributes.map(({ name, values }) => sql`(kv.key = ${name} or p.attributes ->> ${name} = any(${sql.param(values)}::text[]))`), sql` and `);
  const [row] = await selectPrepared(reader, tenantId, { nextPublication: nextPublication(tenantId), facets: sql<FacetRows>`(
    with recursive
    stock as (
      select v.product_id, bool_or(not v.track_stock or coalesce(sl.available, 0) > 0) as in_stock
      from variants v
      left join (select s.variant_id, sum(s.available) as available from stock_levels s where s.tenant_id = ${tenantId} group by s.variant_id) sl on sl.variant_id = v.id
      where v.tenant_id = ${tenantId}
      group by v.product_id
    ),
    visible as materialized (
      select p.id, p.brand_id, p.min_price_amount, p.attributes, p.featured, coalesce(st.in_stock, false) as in_stock
      from products p left join stock st on st.product_id = p.id
      where ${visibleProduct(tenantId)}
    ),
    cats as (select c.id, c.parent_id, c.slug, c.name from categories c where c.tenant_id = ${tenantId}),
    closure(ancestor, descendant, depth) as (
      select c.id, c.id, 0 from cats c
      union all
      select cl.ancestor, c.id, cl.depth + 1 from closure cl join cats c on c.parent_id = cl.descendant where cl.depth < 50
    )
    select json_build_object(
        'total', (select count(*) from visible p where ${allExcept(conditions)}),
        'brands', (select json_agg(x order by x.name, x.slug) from (
          select b.slug, b.name, count(*) as count from visible p join brands b on b.tenant_id = ${tenantId} and b.id = p.brand_id
          where ${allExcept(conditions, 'brand')} group by b.slug, b.name) x),
        'categories', (select json_agg(x order by x.name, x.slug) from (
          select c.slug, c.name, (select pa.slug from cats pa where pa.id = c.parent_id) as "parentSlug", count(distinct p.id) as count
          from visible p
          join product_categories pc on pc.tenant_id = ${tenantId} and pc.product_id = p.id
          join closure cl on cl.descendant = pc.category_id
          join cats c on c.id = cl.ancestor
          where ${allExcept(conditions, 'category')} group by c.id, c.slug, c.name, c.parent_id) x),
        'attributes', (select json_agg(x order by x.name, x.count desc, x.value) from (
          select kv.key as name, kv.value, count(*) as count from visible p cross join lateral jsonb_each_text(p.attributes) kv
          where ${allExcept(conditions, ...attributeNames.map((n) => `attr:${n}` as const))} and ${otherAttributes}
          group by kv.key, kv.value) x),
        'price', (select json_build_object('min', min(p.min_price_amount), 'max', max(p.min_price_amount)) from visible p where ${allExcept(conditions, 'price')}),
        'inStock', (select count(*) from visible p where ${allExcept(conditions, 'inStock')} and p.in_stock)
      ))` }, ONE_ROW);
  return { settings: null, nextPublicationAt: publicationTime(row!.nextPublication), value: row!.facets };
}
