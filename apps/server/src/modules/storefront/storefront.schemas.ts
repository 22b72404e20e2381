import { z } from 'zod';
import { decodeCursor, LISTING_SORTS, type ListingCursor, type ListingSort } from './listing-cursor.ts';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a slug');
const amount = z.coerce.number({ message: 'must be a whole number of minor units' }).int('must be a whole number of minor units').min(0).max(Number.MAX_SAFE_INTEGER);
const oneOrMany = z.union([z.string(), z.array(z.string())]);
const ATTRIBUTE_PREFIX = 'attr.';
const MAX_ATTRIBUTE_FILTERS = 10;

/** What a listing or its facets are narrowed to; `attributes` sorted by name, values de-duplicated. */
export interface ProductFilters {
  categorySlug: string | undefined;
  brandSlugs: string[];
  minPrice: number | undefined;
  maxPrice: number | undefined;
  attributes: Array<{ name: string; values: string[] }>;
  inStock: boolean;
  featured: boolean;
}

const filterFields = {
  category: slug.optional().describe('Slug of a category: its products and those of every category below it'),
  brand: oneOrMany.optional().describe('Brand slugs, repeated (brand=a&brand=b) or comma-separated; any of them matches'),
  minPrice: amount.optional().describe("Lowest product price ('from' price) in minor units, inclusive"),
  maxPrice: amount.optional().describe("Highest product price ('from' price) in minor units, inclusive"),
  inStock: z.stringbool().optional().describe('true: only products with at least one variant in stock'),
  featured: z.stringbool().optional().describe('true: only featured products'),
};

type RawFilters = { brand?: string | string[] | undefined; category?: string | undefined; minPrice?: number | undefined; maxPrice?: number | undefined; inStock?: boolean | undefined; featured?: boolean | undefined } & Record<string, unknown>;

/** Checks what zod cannot see field by field (attr.* keys, brand slugs, the price range) and gathers the filters. */
function readFilters(raw: RawFilters, known: ReadonlySet<string>, ctx: z.RefinementCtx): ProductFilters {
  const attributes: ProductFilters['attributes'] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (known.has(key)) continue;
    const name = key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : '';
    if (!name || name.length > 50) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is not a filter of this list (attribute filters are attr.<name>=<value>)' });
      continue;
    }
    const values = [...new Set((Array.isArray(value) ? value : [value]).map((v) => String(v)))];
    if (values.length > 20 || values.some((v) => v.length === 0 || v.length > 500)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must be 1 to 20 values of 1 to 500 characters' });
      continue;
    }
    attributes.push({ name, values: values.sort() });
  }
  if (attributes.length > MAX_ATTRIBUTE_FILTERS) ctx.addIssue({ code: 'custom', path: ['attr'], message: `at most ${MAX_ATTRIBUTE_FILTERS} attribute filters` });
  const brandSlugs = [...new Set((Array.isArray(raw.brand) ? raw.brand : raw.brand === undefined ? [] : [raw.brand]).flatMap((b) => b.split(',')).map((b) => b.trim()))];
  if (brandSlugs.length > 20 || brandSlugs.some((b) => !slug.safeParse(b).success)) ctx.addIssue({ code: 'custom', path: ['brand'], message: 'must be 1 to 20 brand slugs' });
  if (raw.minPrice !== undefined && raw.maxPrice !== undefined && raw.minPrice > raw.maxPrice) ctx.addIssue({ code: 'custom', path: ['maxPrice'], message: 'must not be below minPrice' });
  return {
    categorySlug: raw.category,
    brandSlugs: brandSlugs.sort(),
    minPrice: raw.minPrice,
    maxPrice: raw.maxPrice,
    attributes: attributes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    inStock: raw.inStock === true,
    featured: raw.featured === true,
  };
}

const facetFilterKeys = new Set(Object.keys(filterFields));
export const facetsQuery = z
  .object(filterFields)
  .catchall(oneOrMany.describe('attr.<name>=<value>: products whose attribute has this value; repeat for any of several values'))
  .transform((raw, ctx) => readFilters(raw, facetFilterKeys, ctx));

const listingFields = {
  ...filterFields,
  sort: z.enum(LISTING_SORTS).default('newest').describe('newest (publication, newest first), price_asc, price_desc (by the lowest variant price) or name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page, with the same filters and sort'),
};
const listingKeys = new Set(Object.keys(listingFields));

export interface ListingRequest {
  filters: ProductFilters;
  sort: ListingSort;
  limit: number;
  cursor: ListingCursor | undefined;
}

export const listingQuery = z
  .object(listingFields)
  .catchall(oneOrMany.describe('attr.<name>=<value>: products whose attribute has this value; repeat for any of several values'))
  .transform((raw, ctx): ListingRequest => {
    const filters = readFilters(raw, listingKeys, ctx);
    const cursor = raw.cursor === undefined ? undefined : decodeCursor(raw.sort, raw.cursor);
    if (cursor === null) ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'is not a cursor this list handed out for this sort' });
    return { filters, sort: raw.sort, limit: raw.limit, cursor: cursor ?? undefined };
  });

export const slugParams = z.object({ slug: z.string().min(1).max(200) }).strict();

const money = z.object({ amount: z.number().int(), currency: z.string() });
const availability = z.enum(['in_stock', 'low', 'out']);
const brandRef = z.object({ slug: z.string(), name: z.string() });
const priceRange = z.object({ min: money, max: money });

const variantSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  options: z.record(z.string(), z.string()),
  price: money,
  compareAtPrice: money.nullable(),
  availability,
  quantity: z.number().int().optional().describe('Only when the store shows stock quantities, and only for variants whose stock is tracked'),
});

const listingImage = z.object({ url: z.string(), thumbUrl: z.string(), mediumUrl: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int() });

export const listingItemSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  brand: brandRef.nullable(),
  featured: z.boolean(),
  priceRange,
  compareAtPrice: money.nullable().describe('The highest compare-at price of a variant that is on sale'),
  image: listingImage.nullable().describe('The first image; thumb and medium fall back to the original when not yet made'),
  variants: z.array(variantSchema),
});
export const listingSchema = z.object({ data: z.array(listingItemSchema), nextCursor: z.string().nullable() });

const rendition = z.object({ name: z.string(), url: z.string(), width: z.number().int(), height: z.number().int(), mime: z.string() });
export const productDetailSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string().describe('Sanitised HTML'),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  brand: brandRef.nullable(),
  featured: z.boolean(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).describe('Option names and their values, in variant order'),
  priceRange,
  compareAtPrice: money.nullable(),
  variants: z.array(variantSchema.extend({ imageIds: z.array(z.uuid()) })),
  images: z.array(z.object({ id: z.uuid(), url: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int(), variantId: z.uuid().nullable(), renditions: z.array(rendition) })),
  categories: z.array(z.object({ slug: z.string(), name: z.string(), breadcrumbs: z.array(brandRef).describe('From the top of the tree down to this category') })),
  publishedAt: z.string(),
});

const count = z.number().int();
export const facetsSchema = z.object({
  total: count.describe('Products matching every filter'),
  brands: z.array(z.object({ slug: z.string(), name: z.string(), count })),
  categories: z.array(z.object({ slug: z.string(), name: z.string(), parentSlug: z.string().nullable(), count: count.describe('Including the categories below it') })),
  attributes: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.string(), count })) })),
  price: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }).describe("Range of the 'from' prices, in minor units"),
  inStock: count.describe('Products with a variant in stock'),
});

type CategoryNode = { slug: string; name: string; description: string | null; productCount: number; children: CategoryNode[] };
export const categoryNodeSchema: z.ZodType<CategoryNode> = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  productCount: count.describe('Visible products in it or any category below it'),
  get children() {
    return z.array(categoryNodeSchema);
  },
});
export const categoriesQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(400).optional().describe('nextCursor of the previous page') })
  .strict();
export const categoriesSchema = z.object({ data: z.array(categoryNodeSchema), nextCursor: z.string().nullable() });
