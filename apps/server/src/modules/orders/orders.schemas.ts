import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { totalsSchema } from '../carts/index.ts';
import { ORDER_STATUSES } from './order-status.ts';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from './orders.tables.ts';

const money = z.object({ amount: z.number().int(), currency: z.string() });

export const idParams = z.object({ id: z.uuid() }).strict();
export const numberParams = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) }).strict();

export const checkoutBody = z
  .object({ paymentMethod: z.enum(PAYMENT_METHODS).describe('stripe and mollie need the payment started for the cart (POST /carts/:cartId/payments) for its grand total now') })
  .strict();
export const statusBody = z.object({ status: z.enum(ORDER_STATUSES), note: z.string().trim().min(1).max(2000).optional() }).strict();
export const noteBody = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export const tagsBody = z.object({ tags: z.array(z.string().trim().min(1).max(50)).max(20) }).strict();

export const orderListQuery = pageQuery.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  placedFrom: z.iso.datetime({ offset: true }).optional().describe('placed at or after this instant'),
  placedTo: z.iso.datetime({ offset: true }).optional().describe('placed before this instant'),
  paymentMethod: z.enum(PAYMENT_METHODS).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('an order number, or part of the email, name or phone'),
  deliveryAgentId: z.uuid().optional().describe('orders whose cash-on-delivery delivery this agent carries now'),
});

export const orderExportQuery = orderListQuery.omit({ limit: true, cursor: true });

/** An order's shipping address as responses show it. */
export const orderAddressSchema = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  postalCode: z.string(),
  region: z.string().nullable(),
  country: z.string(),
  phone: z.string().nullable(),
});

export const orderSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  currency: z.string(),
  customerId: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  customerName: z.string(),
  shippingAddress: orderAddressSchema,
  shippingMethod: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  subtotal: money,
  discountTotal: money,
  shippingTotal: money,
  taxTotal: money,
  grandTotal: money,
  tags: z.array(z.string()),
  placedAt: z.string(),
  updatedAt: z.string(),
});

export const orderDetailSchema = orderSchema.extend({
  lines: z.array(
    z.object({
      id: z.uuid(),
      variantId: z.uuid(),
      productId: z.uuid(),
      sku: z.string(),
      name: z.string(),
      optionValues: z.record(z.string(), z.string()),
      quantity: z.number().int(),
      unitPrice: money,
      discount: money,
      tax: money,
      total: money,
      taxClass: z.string(),
      taxRatePpm: z.number().int(),
    }),
  ),
  totals: totalsSchema.describe('everything the totals engine said at checkout (docs/totals.md)'),
  history: z.array(z.object({ from: z.enum(ORDER_STATUSES).nullable(), to: z.enum(ORDER_STATUSES).nullable(), actor: z.string(), note: z.string().nullable(), at: z.string() })),
});
