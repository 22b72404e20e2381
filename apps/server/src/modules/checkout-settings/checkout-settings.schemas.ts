import { z } from 'zod';
import { taxClassSchema } from '../tenancy/index.ts';
import { DISCOUNT_KINDS, SHIPPING_KINDS } from './checkout-settings.tables.ts';

export const idParams = z.object({ id: z.uuid() }).strict();
const name = z.string().trim().min(1).max(200);
const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const currency = z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code');
export const moneySchema = z.object({ amount, currency }).strict();
const ratePpm = z.number().int().min(0).max(1_000_000).describe('millionths: 21 % is 210000');
const position = z.number().int().min(0).max(1_000_000);
const limit = z.number().int().min(1).max(1_000_000_000);

export const taxRateSchema = z.object({ id: z.uuid(), taxClass: z.string(), ratePpm: z.number().int(), createdAt: z.string(), updatedAt: z.string() });
export const taxRateBody = z.object({ taxClass: taxClassSchema, ratePpm }).strict();
export const taxRatePatch = taxRateBody.partial().strict();

export const shippingMethodSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SHIPPING_KINDS),
  price: moneySchema,
  freeFrom: moneySchema.nullable(),
  codFee: moneySchema.nullable(),
  active: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const shippingMethodBody = z
  .object({
    name,
    kind: z.enum(SHIPPING_KINDS),
    price: moneySchema.optional().describe('required except for local_pickup'),
    freeFrom: moneySchema.nullable().optional().describe('free_above only: free once the subtotal after discounts reaches it'),
    codFee: moneySchema.nullable().optional().describe('cash_on_delivery only'),
    active: z.boolean().optional(),
    position: position.optional(),
  })
  .strict();
export const shippingMethodPatch = shippingMethodBody.partial().strict();

const code = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be letters, digits, dashes or underscores');
export const discountCode = code;
const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order') }).strict(),
  z.object({ kind: z.literal('items'), productIds: z.array(z.uuid()).max(500).default([]), categoryIds: z.array(z.uuid()).max(500).default([]) }).strict(),
]);
const instant = z.iso.datetime({ offset: true });

export const discountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  kind: z.enum(DISCOUNT_KINDS),
  ratePpm: z.number().int().nullable(),
  amount: moneySchema.nullable(),
  scope: z.union([z.object({ kind: z.literal('order') }), z.object({ kind: z.literal('items'), productIds: z.array(z.string()), categoryIds: z.array(z.string()) })]),
  minimumSubtotal: moneySchema.nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  combinable: z.boolean(),
  usageLimit: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  timesUsed: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const discountBody = z
  .object({
    name,
    code: code.nullable().optional().describe('what shoppers enter; leave out for an automatic discount'),
    kind: z.enum(DISCOUNT_KINDS),
    ratePpm: z.number().int().min(1).max(1_000_000).nullable().optional().describe('percentage only, millionths'),
    amount: moneySchema.nullable().optional().describe('fixed_amount only, in the store currency'),
    scope: scope.optional(),
    minimumSubtotal: moneySchema.nullable().optional(),
    startsAt: instant.nullable().optional(),
    endsAt: instant.nullable().optional(),
    combinable: z.boolean().optional(),
    usageLimit: limit.nullable().optional(),
    perCustomerLimit: limit.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const discountPatch = discountBody.partial().strict();
export const discountListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.uuid({ message: 'is not a cursor this list handed out' }).optional(),
    code: z.string().trim().min(1).max(64).optional().describe('exact code, any case'),
  })
  .strict();
