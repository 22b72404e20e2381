import { z } from 'zod';
import { DISCOUNT_KINDS, SHIPPING_KINDS } from '../checkout-settings/index.ts';

const money = z.object({ amount: z.number().int(), currency: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const cartParams = z.object({ cartId: z.uuid() }).strict();
export const lineParams = z.object({ cartId: z.uuid(), lineId: z.uuid() }).strict();
export const codeParams = z.object({ cartId: z.uuid(), code: z.string().min(1).max(64) }).strict();
export const tokenHeaders = z.object({ 'x-cart-token': z.string().min(1).max(200).optional().describe('the token handed out when the cart was created') });
export const email = z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'is not an email address');

export const createCartBody = z.object({ email: email.optional() }).strict();
export const emptyBody = z.object({}).strict();
export function lineBodies(maxQuantity: number) {
  const quantity = z.number().int().min(1).max(maxQuantity);
  return { add: z.object({ variantId: z.uuid(), quantity }).strict(), change: z.object({ quantity }).strict() };
}
export const emailBody = z.object({ email }).strict();
export const shippingAddressBody = z
  .object({
    name: text(200),
    line1: text(200),
    line2: optionalText(200),
    city: text(100),
    postalCode: text(20),
    region: optionalText(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NL'),
    phone: optionalText(40),
  })
  .strict();
export const shippingMethodBody = z.object({ shippingMethodId: z.uuid().nullable().describe('null: choose none') }).strict();
/** A checkout form's fields at once; at least one of these. */
const DETAILS = ['email', 'shippingAddress', 'shippingMethodId'] as const;
export const cartDetailsBody = z
  .object({ email: email.optional(), shippingAddress: shippingAddressBody.optional(), shippingMethodId: shippingMethodBody.shape.shippingMethodId.optional() })
  .strict()
  .refine((body) => DETAILS.some((key) => body[key] !== undefined), { message: `nothing to change: send one or more of ${DETAILS.join(', ')}` });
export const codeBody = z.object({ code: z.string().trim().min(1).max(64) }).strict();

const lineTotals = z.object({
  taxClass: z.string(),
  taxRatePpm: z.number().int(),
  subtotal: money,
  discount: money,
  tax: money,
  total: money,
  discounts: z.array(z.object({ discountId: z.string(), amount: money })),
});

export const totalsSchema = z.object({
  currency: z.string(),
  pricesIncludeTax: z.boolean(),
  lines: z.array(lineTotals.extend({ lineId: z.string() })),
  shipping: z
    .object({ methodId: z.string(), kind: z.enum(SHIPPING_KINDS), price: money, codFee: money, discount: money, tax: money, total: money })
    .nullable(),
  subtotal: money,
  discountTotal: money,
  shippingTotal: money,
  taxTotal: money,
  grandTotal: money,
  taxBreakdown: z.array(z.object({ taxRatePpm: z.number().int(), taxClasses: z.array(z.string()), taxableAmount: money, tax: money })),
  appliedDiscounts: z.array(z.object({ discountId: z.string(), code: z.string().nullable(), kind: z.enum(DISCOUNT_KINDS), amount: money })),
  discountsNotApplied: z.array(z.object({ discountId: z.string(), code: z.string().nullable(), reason: z.string() })),
});

export const cartSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  currency: z.string(),
  email: z.string().nullable(),
  customerId: z.string().nullable(),
  shippingAddress: z
    .object({ name: z.string(), line1: z.string(), line2: z.string().nullable(), city: z.string(), postalCode: z.string(), region: z.string().nullable(), country: z.string(), phone: z.string().nullable() })
    .nullable(),
  shippingMethod: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  discountCodes: z.array(z.string()),
  lines: z.array(
    z.object({
      id: z.uuid(),
      variantId: z.uuid(),
      productId: z.uuid(),
      productName: z.string(),
      sku: z.string(),
      optionValues: z.record(z.string(), z.string()),
      unitPrice: money,
      quantity: z.number().int(),
      available: z.boolean(),
      totals: lineTotals.nullable(),
    }),
  ),
  totals: totalsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
});

export const cartWithTokenSchema = z.object({ token: z.string().describe('send it as X-Cart-Token; it is not shown again'), cart: cartSchema });

export const storefrontShippingMethodSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SHIPPING_KINDS),
  price: money,
  freeFrom: money.nullable(),
  codFee: money.nullable(),
});
