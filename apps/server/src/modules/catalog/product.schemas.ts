import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { name, slug } from './catalog.schemas.ts';
import { imageSchema } from './image.schemas.ts';

const STATUSES = ['draft', 'active', 'archived'] as const;
const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const currency = z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code');
export const moneySchema = z.object({ amount, currency }).strict();
const text = (max: number) => z.string().trim().min(1).max(max);

export const variantBody = z
  .object({
    sku: text(100),
    barcode: text(100).nullable().optional(),
    optionValues: z.record(text(50), text(100)).optional().describe('{ "size": "M" }; empty for the default variant of a product without options'),
    price: moneySchema,
    compareAtPrice: moneySchema.nullable().optional(),
    costPrice: moneySchema.nullable().optional(),
    weightGrams: z.number().int().min(0).max(100_000_000).nullable().optional(),
    taxClass: text(50).optional(),
    trackStock: z.boolean().optional(),
    position: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export const variantPatch = variantBody.partial().strict();

export const variantSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  barcode: z.string().nullable(),
  optionValues: z.record(z.string(), z.string()),
  price: moneySchema,
  compareAtPrice: moneySchema.nullable(),
  costPrice: moneySchema.nullable(),
  weightGrams: z.number().int().nullable(),
  taxClass: z.string(),
  trackStock: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const productFields = {
  name,
  slug,
  description: z.string().max(100_000).describe('HTML; only a small set of formatting tags is kept'),
  status: z.enum(STATUSES),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  featured: z.boolean(),
  brandId: z.uuid().nullable(),
  categoryIds: z.array(z.uuid()).max(50),
  tags: z.array(text(50)).max(50),
  attributes: z.record(text(50), text(500)),
  seoTitle: text(200).nullable(),
  seoDescription: text(500).nullable(),
};
export const productPatch = z.object(productFields).partial().strict();
export const productBody = productPatch.extend({ name, variants: z.array(variantBody).min(1).max(100) }).strict();

export const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  status: z.enum(STATUSES),
  publishedAt: z.string().nullable(),
  featured: z.boolean(),
  brandId: z.uuid().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const productDetailSchema = productSchema.extend({ categoryIds: z.array(z.uuid()), oldSlugs: z.array(z.string()), variants: z.array(variantSchema), images: z.array(imageSchema) });

export const productListQuery = pageQuery
  .extend({
    status: z.enum(STATUSES).optional(),
    categoryId: z.uuid().optional(),
    brandId: z.uuid().optional(),
    q: z.string().trim().min(1).max(100).optional().describe('Part of the name, slug, a SKU or a barcode (case-insensitive); when nothing matches, the name with a typo'),
  })
  .strict();

export const variantParams = z.object({ id: z.uuid(), variantId: z.uuid() }).strict();
