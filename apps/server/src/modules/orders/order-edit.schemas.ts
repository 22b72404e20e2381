import { z } from 'zod';
import { emailAddressSchema, shippingAddressBody } from '../carts/index.ts';
import { orderAddressSchema } from './orders.schemas.ts';

/** Prices, discounts and totals always come from the server; a request that sends one is told so by name. */
const PRICE_LIKE = /price|total|amount|tax|discount|cost/i;
const refusePrices = (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' && issue.keys?.some((key) => PRICE_LIKE.test(key))
    ? `${issue.keys.map((key) => `"${key}"`).join(', ')} not accepted: prices, discounts and totals are worked out by the server; send quantities only`
    : undefined;

const quantity = z.number().int().max(100_000);
const money = z.strictObject({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR') });
const moneyOut = z.object({ amount: z.number().int(), currency: z.string() });

/** What an edit may change; at least one of these. */
const CHANGES = ['lines', 'addLines', 'shippingAddress', 'shippingMethodId', 'email', 'phone'] as const;

export const orderEditBody = z
  .strictObject(
    {
      lines: z
        .array(z.strictObject({ lineId: z.uuid(), quantity: quantity.min(0).describe('the new quantity; 0 removes the line') }, { error: refusePrices }))
        .min(1)
        .max(500)
        .optional()
        .describe("quantity changes of the order's lines; they keep the price they were sold at"),
      addLines: z
        .array(z.strictObject({ variantId: z.uuid(), quantity: quantity.min(1) }, { error: refusePrices }))
        .min(1)
        .max(100)
        .optional()
        .describe("new lines, at today's catalog price"),
      shippingAddress: shippingAddressBody.optional(),
      shippingMethodId: z.uuid().optional().describe('an active shipping method of the store; shipping is re-priced by it'),
      email: emailAddressSchema.optional(),
      phone: z.string().trim().min(1).max(40).nullable().optional().describe('null removes it'),
      note: z.string().trim().min(1).max(2000).optional().describe("why; kept with the edit and in the order's history"),
      expectedGrandTotal: money.optional().describe('the total the edited order should have; a different one refuses the edit with 409 ORDER_EDIT_TOTAL_CONFLICT'),
    },
    { error: refusePrices },
  )
  .refine((body) => CHANGES.some((key) => body[key] !== undefined), { message: `nothing to change: send one of ${CHANGES.join(', ')} (a note alone goes to /notes)` });

const snapshot = z.object({
  email: z.string(),
  phone: z.string().nullable(),
  shippingAddress: orderAddressSchema,
  shippingMethod: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  lines: z.array(
    z.object({ lineId: z.uuid(), variantId: z.uuid(), sku: z.string(), name: z.string(), quantity: z.number().int(), unitPrice: moneyOut, taxRatePpm: z.number().int(), total: moneyOut }),
  ),
  subtotal: moneyOut,
  discountTotal: moneyOut,
  shippingTotal: moneyOut,
  taxTotal: moneyOut,
  grandTotal: moneyOut,
  discounts: z.array(z.object({ discountId: z.string(), code: z.string().nullable(), amount: moneyOut })),
});

export const orderEditSchema = z.object({
  id: z.uuid(),
  actor: z.string(),
  note: z.string().nullable(),
  grandTotalBefore: moneyOut,
  grandTotalAfter: moneyOut,
  before: snapshot,
  after: snapshot,
  releasedDiscountIds: z.array(z.string()).describe('discounts the edit no longer met, whose use went back'),
  at: z.string(),
});
