import { sql, type SQL } from 'drizzle-orm';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import type { ListingCursor, ListingSort } from './listing-cursor.ts';
import { preparedRead } from '../../platform/db/prepared-read.ts';
import { allExcept, filterConditions, nextPublication, productInStock, storeSettings, variantAvailable, visibleProduct } from './product-filter.repository.ts';
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

/** A product's listing card as triggers keep it in products.storefront_card (migration 0020): everything but stock. */
export interface ListingCard {
  id: string;
  slug: string;
  name: string;
  featured: boolean;
  brand: { slug: string; name: string } | null;
  minPrice: number;
  maxPrice: number;
  image: ImageRow | null;
  variants: Array<Omit<VariantRow, 'available'>>;
}

/** One listing page as stored: each card's version (products.storefront_card_version), its sort key, and the available stock of every variant on the page. */
export interface ListingPage {
  ids: string[];
  versions: number[];
  keys: Array<string | number>;
  stock: Record<string, number>;
}

/** A card's JSON text as the database keeps it, at the version it has now. */
export interface StoredCard {
  id: string;
  version: number;
  text: string;
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
 * more) in one statement: the products' stored cards in sort order, their
 * sort keys, the available stock of their variants, the store's settings and
 * its next publication time. The keyset walks products_storefront_*_idx in
 * sort order and stops early; stock is read for the page's variants at once.
 */
export async function listingPage(reader: TenantReader, tenantId: string, filters: ProductFilters, sort: ListingSort, limit: number, cursor: ListingCursor | undefined): Promise<Snapshot<ListingPage>> {
  const { order, key, after } = SORTS[sort];
  const conditions = allExcept(filterConditions(tenantId, filters, productInStock(tenantId)));
  const [row] = await preparedRead<{ settings: unknown; nextPublication: number | null; ids: string[] | null; versions: number[] | null; keys: Array<string | number> | null; stock: Record<string, number> | null }>(
    reader,
    tenantId,
    sql`with page as (
        select p.id, p.published_at, p.min_price_amount, p.name, p.storefront_card_version, p.storefront_variant_ids, ${key} as sort_key
        from products p
        where ${visibleProduct(tenantId)} and ${conditions} ${cursor ? sql`and ${after(cursor)}` : sql``}
        order by ${order}
        limit ${limit + 1}
      ),
      cards as (select json_agg(p.id order by ${order}) as ids, json_agg(p.storefront_card_version order by ${order}) as versions, json_agg(p.sort_key order by ${order}) as keys from page p),
      stock as (
        select json_object_agg(x.variant_id, x.available) as stock
        from (
          select s.variant_id, sum(s.available) as available from stock_levels s
          where s.tenant_id = ${tenantId} and s.variant_id = any(array(select unnest(p.storefront_variant_ids) from page p))
          group by s.variant_id
        ) x
      )
      select ${storeSettings(tenantId)} as settings, ${nextPublication(tenantId)} as "nextPublication", cards.ids, cards.versions, cards.keys, stock.stock
      from cards, stock`,
  );
  return { settings: row!.settings, nextPublicationAt: publicationTime(row!.nextPublication), value: { ids: row?.ids ?? [], versions: row?.versions ?? [], keys: row?.keys ?? [], stock: row?.stock ?? {} } };
}

/**
 * The cards of products `ids` as the database keeps them now, each with its version: for the cards
 * of a page the server has not rendered at the version the page named. A row per card, so the text
 * arrives as it is stored, not escaped inside a JSON array. Products deleted since are missing.
 */
export async function storedCards(reader: TenantReader, tenantId: string, ids: string[]): Promise<StoredCard[]> {
  const rows = await preparedRead<{ id: string; version: string; text: string }>(
    reader,
    tenantId,
    sql`select p.id, p.storefront_card_version as version, p.storefront_card::text as text from products p where p.tenant_id = ${tenantId} and p.id = any(${sql.param(ids)}::uuid[])`,
  );
  return rows.map((r) => ({ id: r.id, version: Number(r.version), text: r.text }));
}
