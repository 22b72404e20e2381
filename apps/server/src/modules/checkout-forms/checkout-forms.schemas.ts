import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { CHECKOUT_FORM_STATUSES, FORM_FIELDS } from './checkout-forms.tables.ts';
import { MAX_ALLOWED_ORIGINS } from './form-rules.ts';

const money = z.object({ amount: z.number().int(), currency: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
const fieldRule = z.enum(['required', 'optional', 'hidden']);
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NL');

export const idParams = z.object({ id: z.uuid() }).strict();
export const formListQuery = pageQuery.extend({ status: z.enum(CHECKOUT_FORM_STATUSES).optional() }).strict();

const fieldsSchema = z.object(Object.fromEntries(FORM_FIELDS.map((f) => [f, fieldRule])) as Record<(typeof FORM_FIELDS)[number], typeof fieldRule>);

export const checkoutFormSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(CHECKOUT_FORM_STATUSES),
  items: z.array(z.object({ variantId: z.uuid(), maxQuantity: z.number().int() })),
  fields: fieldsSchema,
  allowedOrigins: z.array(z.string()),
  minFillSeconds: z.number().int(),
  shippingMethodId: z.uuid(),
  defaultCountry: z.string(),
  successMessage: z.string().nullable(),
  publicPath: z.string().describe('GET it for the form; POST …/orders to order'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const formBody = z
  .object({
    slug: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, such as summer-sale'),
    title: text(200),
    status: z.enum(['draft', 'published']).optional().describe('default draft; archive with POST …/archive'),
    items: z
      .array(z.object({ variantId: z.uuid(), maxQuantity: z.number().int().min(1).max(10_000).optional().describe('default 10') }).strict())
      .max(100)
      .optional()
      .describe('variants of this store on sale, in the order shown; replaces the list when sent'),
    fields: fieldsSchema.partial().strict().optional().describe('name, line1, city and country are always asked'),
    allowedOrigins: z.array(z.string().max(300)).max(MAX_ALLOWED_ORIGINS * 2).optional().describe('exact origins such as https://shop.example; no wildcards'),
    minFillSeconds: z.number().int().min(0).max(3600).optional().describe('default 3'),
    shippingMethodId: z.uuid().describe("an active cash-on-delivery method of the store's"),
    defaultCountry: country.describe('phone numbers without +country code are read as this country'),
    successMessage: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();

export const checkoutFormBody = formBody;
export const checkoutFormPatch = formBody.partial().strict();
export const noBody = z.object({}).strict().nullish().describe('None, or {}');

// Public: what an embedding page reads and posts.

export const publicFormParams = z.object({ storeId: z.uuid(), slug: z.string().min(1).max(80) }).strict();

export const formDefinitionSchema = z.object({
  title: z.string(),
  currency: z.string(),
  defaultCountry: z.string(),
  fields: fieldsSchema,
  honeypotField: z.string().describe('send it empty; pages hide it from people'),
  items: z.array(
    z.object({
      variantId: z.uuid(),
      productName: z.string(),
      optionValues: z.record(z.string(), z.string()),
      price: money,
      compareAtPrice: money.nullable(),
      maxQuantity: z.number().int(),
      availability: z.enum(['in_stock', 'low', 'out']),
      quantity: z.number().int().optional(),
    }),
  ),
  shipping: z.object({ name: z.string(), price: money, codFee: money }).nullable(),
  formToken: z.string().describe('send it back with the order'),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const formOrderBody = z
  .object({
    formToken: z.string().max(200),
    website: z.string().max(500).optional().describe('the honeypot: leave empty'),
    items: z.array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(10_000) }).strict()).min(1).max(100),
    name: text(200),
    line1: text(200),
    city: text(100),
    country,
    email: z
      .string()
      .trim()
      .max(254)
      .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address')
      .nullable()
      .optional(),
    phone: optionalText(40),
    company: optionalText(200),
    line2: optionalText(200),
    postalCode: optionalText(20),
    region: optionalText(100),
    note: optionalText(1000),
  })
  .strict();

export const placedFormOrderSchema = z.object({
  orderNumber: z.number().int(),
  total: money,
  message: z.string().nullable().describe("the form's success message"),
});
