import { sql } from 'drizzle-orm';
import { bigint, char, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ShippingAddress } from '../carts/index.ts';
import type { Totals } from '../pricing/index.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { ORDER_STATUSES } from './order-status.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
/**
 * The store of a row that belongs to an order: its key to the order, (tenant_id, order_id), already
 * holds it to an existing store. A key to stores as well would lock the store's one row again for
 * every row written (migration 0026).
 */
const orderTenantId = () => uuid('tenant_id').notNull();
/** Money in minor units; read as a JS number, exact up to 2^53. */
const money = (name: string) => bigint(name, { mode: 'number' });

export const PAYMENT_METHODS = ['manual', 'cash_on_delivery', 'stripe', 'mollie'] as const;
/** Derived from the order's payment records (modules/payments), never set by hand. */
export const PAYMENT_STATUSES = ['unpaid', 'pending', 'authorized', 'paid', 'partially_refunded', 'refunded'] as const;
/** Where an order came from. */
export const ORDER_SOURCES = ['storefront', 'checkout_form', 'admin', 'pos'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Where the order goes, copied from the cart when it was placed. */
export type OrderAddress = ShippingAddress;

/** The shipping method as it was when the order was placed. */
export interface OrderShippingMethod {
  id: string;
  name: string;
  kind: string;
}

/**
 * The last order number handed out per store, by versions before migration 0021. Numbers now come
 * from a sequence per store (next_order_number()), which starts after this value; a bump of this
 * row by an older instance still serving takes its number from the same sequence.
 */
export const orderCounters = pgTable('order_counters', {
  tenantId: tenantId().primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

/**
 * A placed order: a snapshot of the cart, its prices and totals at checkout. `number` is the
 * store's human sequence (1, 2, 3 …), taken when the order is inserted, after every check that can
 * refuse the checkout. Orders of earlier versions got it by a later update in the same transaction,
 * so no other transaction ever sees an order without one.
 */
export const orders = pgTable(
  'orders',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    number: integer('number'),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
    currency: char('currency', { length: 3 }).notNull(),
    customerId: uuid('customer_id'),
    email: text('email').notNull(),
    phone: text('phone'),
    /** The ship-to name, kept apart for search. */
    customerName: text('customer_name').notNull(),
    shippingAddress: jsonb('shipping_address').$type<OrderAddress>().notNull(),
    shippingMethod: jsonb('shipping_method').$type<OrderShippingMethod>().notNull(),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
    paymentStatus: text('payment_status', { enum: PAYMENT_STATUSES }).notNull().default('unpaid'),
    subtotalAmount: money('subtotal_amount').notNull(),
    discountAmount: money('discount_amount').notNull(),
    shippingAmount: money('shipping_amount').notNull(),
    taxAmount: money('tax_amount').notNull(),
    grandTotalAmount: money('grand_total_amount').notNull(),
    /** Everything the totals engine said at checkout. */
    totals: jsonb('totals').$type<Totals>().notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    cartId: uuid('cart_id'),
    source: text('source', { enum: ORDER_SOURCES }).notNull().default('storefront'),
    /** The public checkout form an order was posted through. */
    checkoutFormId: uuid('checkout_form_id'),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'orders_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('orders_tenant_number_key').on(t.tenantId, t.number),
    index('orders_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('orders_tenant_placed_idx').on(t.tenantId, t.placedAt),
    index('orders_tenant_customer_idx').on(t.tenantId, t.customerId, t.id),
    index('orders_tenant_email_idx').on(t.tenantId, t.email),
    check('orders_amounts_not_negative', sql`${t.subtotalAmount} >= 0 and ${t.discountAmount} >= 0 and ${t.shippingAmount} >= 0 and ${t.taxAmount} >= 0 and ${t.grandTotalAmount} >= 0`),
    check('orders_number_positive', sql`${t.number} is null or ${t.number} > 0`),
  ],
);

/** One line of an order, priced and described as at checkout. */
export const orderLines = pgTable(
  'order_lines',
  {
    tenantId: orderTenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    variantId: uuid('variant_id').notNull(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    optionValues: jsonb('option_values').$type<Record<string, string>>().notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceAmount: money('unit_price_amount').notNull(),
    discountAmount: money('discount_amount').notNull(),
    taxAmount: money('tax_amount').notNull(),
    totalAmount: money('total_amount').notNull(),
    taxClass: text('tax_class').notNull(),
    taxRatePpm: integer('tax_rate_ppm').notNull(),
    /** The stock held for this line, and where. */
    reservationId: uuid('reservation_id').notNull(),
    locationId: uuid('location_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'order_lines_pkey', columns: [t.tenantId, t.id] }),
    index('order_lines_tenant_order_idx').on(t.tenantId, t.orderId, t.position),
    index('order_lines_tenant_variant_idx').on(t.tenantId, t.variantId),
    foreignKey({ name: 'order_lines_order_fk', columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * Orders whose confirmation mail is still to be queued: checkout inserts the row with the order, and
 * the orders.queue-confirmations job deletes it in the transaction that queues the mail, so the mail
 * is queued once. A handful of rows at any time (migrations 0028, 0029).
 */
export const orderConfirmationsDue = pgTable(
  'order_confirmations_due',
  {
    tenantId: orderTenantId(),
    orderId: uuid('order_id').notNull(),
    /** The order's placed_at: the claim and the sweeps read this table alone (migration 0029). */
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'order_confirmations_due_pkey', columns: [t.tenantId, t.orderId] }),
    foreignKey({ name: 'order_confirmations_due_order_fk', columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
  ],
);

/** Every status an order went through, who moved it and why; the first row has no `from_status`. */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    tenantId: orderTenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    fromStatus: text('from_status', { enum: ORDER_STATUSES }),
    toStatus: text('to_status', { enum: ORDER_STATUSES }),
    /** `staff:<id>`, `customer:<id>`, `guest`, `system:<name>`. */
    actor: text('actor').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'order_status_history_pkey', columns: [t.tenantId, t.id] }),
    index('order_status_history_tenant_order_idx').on(t.tenantId, t.orderId, t.id),
    foreignKey({ name: 'order_status_history_order_fk', columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
  ],
);

/**
 * A staff edit of an order before fulfilment: what the lines and totals were and became, so the
 * history shows every re-pricing (append-only).
 */
export const orderEdits = pgTable(
  'order_edits',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    /** `{ before, after }` snapshots of the edited lines, address and totals. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    grandTotalBefore: money('grand_total_before').notNull(),
    grandTotalAfter: money('grand_total_after').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'order_edits_pkey', columns: [t.tenantId, t.id] }),
    index('order_edits_tenant_order_idx').on(t.tenantId, t.orderId, t.id),
    foreignKey({ name: 'order_edits_order_fk', columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
  ],
);
