import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, customType, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Money in minor units (cents); read as a JS number, exact up to 2^53. */
const money = (name: string) => bigint(name, { mode: 'number' });
/** Maintained by the database (triggers), never written by the application. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type ImageRendition = { name: string; width: number; height: number; mime: string; storageKey: string; byteSize: number };

/** Categories form a tree per store: parent_id (null at the top) and a position among siblings. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'no action' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_tenant_slug_key').on(t.tenantId, t.slug),
    index('categories_tenant_parent_idx').on(t.tenantId, t.parentId, t.position),
    check('categories_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const brands = pgTable(
  'brands',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('brands_tenant_slug_key').on(t.tenantId, t.slug)],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** Sanitised rich text (HTML). */
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['draft', 'active', 'archived'] }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    featured: boolean('featured').notNull().default(false),
    brandId: uuid('brand_id').references(() => brands.id, { onDelete: 'set null' }),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Filterable key/value attributes: { "material": "cotton" }. */
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Lowest and highest variant price, kept by a trigger on variants, for price filters and sorting. */
    minPriceAmount: money('min_price_amount'),
    maxPriceAmount: money('max_price_amount'),
    /** Name, SKUs, brand, tags and description as plain text, kept by triggers; trigram index for typo-tolerant search. */
    searchText: text('search_text').notNull().default(''),
    /** Weighted full-text document in the store's search language, kept by triggers. */
    searchVector: tsvector('search_vector'),
    /**
     * The product as the storefront listing shows it (brand, price range, first image, variants
     * without stock), kept by triggers (migration 0020) so a listing page reads one column per product.
     */
    storefrontCard: json('storefront_card'),
    /**
     * Changes whenever storefront_card does (migration 0023): the listing reads versions and fetches
     * only the cards whose version it has not rendered yet.
     */
    storefrontCardVersion: bigint('storefront_card_version', { mode: 'number' }).notNull().default(sql`nextval('storefront_card_versions')`),
    /** The variants' ids in display order, kept with the card: the listing reads their stock by them. */
    storefrontVariantIds: uuid('storefront_variant_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_tenant_slug_key').on(t.tenantId, t.slug),
    index('products_search_vector_idx').using('gin', t.searchVector),
    index('products_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('products_tenant_listing_idx').on(t.tenantId, t.status, t.id),
    index('products_tenant_min_price_idx').on(t.tenantId, t.minPriceAmount),
    index('products_tenant_status_published_idx').on(t.tenantId, t.status, t.publishedAt),
    index('products_tenant_brand_idx').on(t.tenantId, t.brandId),
    index('products_tenant_featured_idx').on(t.tenantId, t.featured),
    // The storefront listing walks one of these per sort order (keyset pages over active products).
    index('products_storefront_newest_idx').on(t.tenantId, t.publishedAt, t.id).where(sql`status = 'active'`),
    index('products_storefront_price_idx').on(t.tenantId, t.minPriceAmount, t.id).where(sql`status = 'active'`),
    index('products_storefront_name_idx').on(t.tenantId, t.name, t.id).where(sql`status = 'active'`),
  ],
);

/** A product in several categories. */
export const productCategories = pgTable(
  'product_categories',
  {
    tenantId: tenantId(),
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').notNull().references(() => categories.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.productId, t.categoryId] }), index('product_categories_tenant_category_idx').on(t.tenantId, t.categoryId)],
);

/** Old slugs of a product, so links to them keep working after a rename. */
export const productSlugRedirects = pgTable(
  'product_slug_redirects',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    oldSlug: text('old_slug').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('product_slug_redirects_tenant_slug_key').on(t.tenantId, t.oldSlug), index('product_slug_redirects_tenant_product_idx').on(t.tenantId, t.productId)],
);

/** A sellable variant of a product; a product without options has one default variant. */
export const variants = pgTable(
  'variants',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    /** { "size": "M", "colour": "blue" }; empty for a default variant. */
    optionValues: jsonb('option_values').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    priceAmount: money('price_amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    compareAtAmount: money('compare_at_amount'),
    costAmount: money('cost_amount'),
    weightGrams: integer('weight_grams'),
    taxClass: text('tax_class').notNull().default('standard'),
    trackStock: boolean('track_stock').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_tenant_sku_key').on(t.tenantId, t.sku),
    index('variants_tenant_product_idx').on(t.tenantId, t.productId, t.position),
    index('variants_tenant_barcode_idx').on(t.tenantId, t.barcode),
    check('variants_price_not_negative', sql`${t.priceAmount} >= 0 and coalesce(${t.compareAtAmount}, 0) >= 0 and coalesce(${t.costAmount}, 0) >= 0`),
    check('variants_weight_not_negative', sql`coalesce(${t.weightGrams}, 0) >= 0`),
  ],
);

/** An uploaded image, stored under a random key; the original file name is kept only as sanitised metadata. */
export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').references(() => variants.id, { onDelete: 'set null' }),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    alt: text('alt').notNull().default(''),
    position: integer('position').notNull().default(0),
    byteSize: integer('byte_size').notNull().default(0),
    /** Resized copies (e.g. thumb, medium, large), each stored under its own key. */
    renditions: jsonb('renditions').$type<ImageRendition[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('product_images_tenant_product_idx').on(t.tenantId, t.productId, t.position), uniqueIndex('product_images_storage_key_key').on(t.storageKey)],
);

export const BULK_JOB_KINDS = ['import', 'export'] as const;
export const BULK_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type BulkRowError = { line: number; field: string | null; reason: string };

/** A CSV import or export run in the background; its progress is read through the API. */
export const catalogBulkJobs = pgTable(
  'catalog_bulk_jobs',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    kind: text('kind', { enum: BULK_JOB_KINDS }).notNull(),
    /** An import that only validates and reports; nothing is written. */
    dryRun: boolean('dry_run').notNull().default(false),
    status: text('status', { enum: BULK_JOB_STATUSES }).notNull().default('queued'),
    /** Sanitised name of the uploaded file, for display only. */
    fileName: text('file_name'),
    /** The uploaded CSV of an import. */
    input: text('input'),
    /** The CSV an export produced. */
    output: text('output'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** Every bad row: line number (1 = header), field, reason. */
    errors: jsonb('errors').$type<BulkRowError[]>().notNull().default(sql`'[]'::jsonb`),
    /** Why a job failed as a whole (not a row error). */
    failureReason: text('failure_reason'),
    requestedBy: text('requested_by'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('catalog_bulk_jobs_tenant_idx').on(t.tenantId, t.id)],
);
