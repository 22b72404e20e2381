import { sql, type SQL } from 'drizzle-orm';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import type { ListingCursor, ListingSort } from './listing-cursor.ts';
import { allExcept, filterConditions, nextPublication, ONE_ROW, productInStock, storeSettings, variantAvailable, visibleProduct } from './product-filter.repository.ts';
import { selectPrepared } from './prepared-select.repository.ts';
import type { ProductFilters } from './storefront.schemas.ts';

export interface ImageRow {
  id: string;
  storageKey: string;
  alt: string;
  width: number;
  height: number;
  variantId: string | null;
  renditions: Array<{ name: string; width: number; height: number; mime: string; storageKey: string }>;
}

export interface VariantRow {
  id: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  currency: string;
  compareAt: number | null;
  trackStock: boolean;
  available: number;
}

export interface ListingRow {
  id: string;
  slug: string;
  name: string;
  featured: boolean;
  brand: { slug: string; name: string } | null;
  minPrice: number;
  maxPrice: number;
  sortKey: string | number;
  image: ImageRow | null;
  variants: VariantRow[];
}

/** A result and what bounds how long it may be kept. */
export interface Snapshot<T> {
  settings: unknown;
  nextPublicationAt: Date | null;
  value: T;
}

export const publicationTime = (epochMs: number | null): Date | null => (epochMs === null ? null : new Date(epochMs));

/** Per sort: the order of the page, its key as it travels in the cursor, and the keyset condition after a cursor. */
const SORTS: Record<ListingSort, { order: SQL; key: SQL; after: (c: ListingCursor) => SQL }> = {
  newest: {
    order: sql`p.published_at desc, p.id desc`,
    key: sql`to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    after: (c) => sql`(p.published_at, p.id) < (${c.key}::timestamptz, ${c.id}::uuid)`,
  },
  price_asc: {
    order: sql`p.min_price_amount asc, p.id asc`,
    key: sql`p.min_price_amount`,
    after: (c) => sql`(p.min_price_amount, p.id) > (${c.key}::bigint, ${c.id}::uuid)`,
  },
  price_desc: {
    order: sql`p.min_price_amount desc, p.id desc`,
    key: sql`p.min_price_amount`,
    after: (c) => sql`(p.min_price_amount, p.id) < (${c.key}::bigint, ${c.id}::uuid)`,
  },
  name: {
    order: sql`p.name asc, p.id asc`,
    key: sql`p.name`,
    after: (c) => sql`(p.name, p.id) > (${c.key}::text, ${c.id}::uuid)`,
  },
};

/** The variants of product `p` with their stock, in display order, as JSON. */
export function variantsJson(tenantId: string): SQL {
  return sql`(select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'options', v.option_values, 'price', v.price_amount, 'currency', v.currency,
      'compareAt', v.compare_at_amount, 'trackStock', v.track_stock, 'available', ${variantAvailable(tenantId)}) order by v.position, v.id)
    from variants v where v.tenant_id = ${tenantId} and v.product_id = p.id)`;
}

export const imageJson = sql`json_build_object('id', i.id, 'storageKey', i.storage_key, 'alt', i.alt, 'width', i.width, 'height', i.height, 'variantId', i.variant_id, 'renditions', i.renditions)`;

/**
 * One page of the listing (limit + 1 rows: the extra one only says there is
 * more) with variants, stock, first image and brand, built as JSON in one
 * statement, together with the store's settings and next publication time.
 * The keyset walks products_storefront_*_idx in sort order and stops early.
 */
export async function listingPage(reader: TenantReader, tenantId: string, filters: ProductFilters, sort: ListingSort, limit: number, cursor: ListingCursor | undefined): Promise<Snapshot<ListingRow[]>> {
  const { order, key, after } = SORTS[sort];
  const conditions = allExcept(filterConditions(tenantId, filters, productInStock(tenantId)));
  const [row] = await selectPrepared(
    reader,
    tenantId,
    {
      settings: storeSettings(tenantId),
      nextPublication: nextPublication(tenantId),
      items: sql<ListingRow[]>`coalesce((
        with page as (
          select p.id, p.slug, p.name, p.featured, p.brand_id, p.published_at, p.min_price_amount, p.max_price_amount, ${key} as sort_key
          from products p
          where ${visibleProduct(tenantId)} and ${conditions} ${cursor ? sql`and ${after(cursor)}` : sql``}
          order by ${order}
          limit ${limit + 1}
        )
        select json_agg(json_build_object(
          'id', p.id, 'slug', p.slug, 'name', p.name, 'featured', p.featured,
          'brand', (select json_build_object('slug', b.slug, 'name', b.name) from brands b where b.tenant_id = ${tenantId} and b.id = p.brand_id),
          'minPrice', p.min_price_amount, 'maxPrice', p.max_price_amount, 'sortKey', p.sort_key,
          'image', (select ${imageJson} from product_images i where i.tenant_id = ${tenantId} and i.product_id = p.id order by i.position, i.id limit 1),
          'variants', ${variantsJson(tenantId)}
        ) order by ${order})
        from page p
      ), '[]'::json)`,
    },
    ONE_ROW,
  );
  return { settings: row!.settings, nextPublicationAt: publicationTime(row!.nextPublication), value: row!.items };
}
