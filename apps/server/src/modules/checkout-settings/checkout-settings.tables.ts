import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Money in minor units; read as a JS number, exact up to 2^53. */
const money = (name: string) => bigint(name, { mode: 'number' });

export const SHIPPING_KINDS = ['flat_rate', 'free_above', 'local_pickup', 'cash_on_delivery'] as const;
export const DISCOUNT_KINDS = ['percentage', 'fixed_amount', 'free_shipping'] as const;
export const DISCOUNT_SCOPES = ['order', 'items'] as const;

/** The tax rate of one tax class in one store, in millionths (21 % = 210000). */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    taxClass: text('tax_class').notNull(),
    ratePpm: integer('rate_ppm').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tax_rates_tenant_class_key').on(t.tenantId, t.taxClass),
    index('tax_rates_tenant_id_idx').on(t.tenantId, t.id),
    check('tax_rates_rate_range', sql`${t.ratePpm} between 0 and 1000000`),
  ],
);

/** A way to get an order to the shopper, priced as the pricing engine expects (docs/totals.md#shipping). */
export const shippingMethods = pgTable(
  'shipping_methods',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SHIPPING_KINDS }).notNull(),
    /** Carriage price; 0 for local pickup. */
    priceAmount: money('price_amount').notNull().default(0),
    /** free_above only: free once the subtotal after discounts reaches this. */
    freeFromAmount: money('free_from_amount'),
    /** cash_on_delivery only: the fee for collecting the cash. */
    codFeeAmount: money('cod_fee_amount'),
    currency: char('currency', { length: 3 }).notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shipping_methods_tenant_id_idx').on(t.tenantId, t.id),
    index('shipping_methods_tenant_position_idx').on(t.tenantId, t.active, t.position),
    check('shipping_methods_amounts_not_negative', sql`${t.priceAmount} >= 0 and coalesce(${t.freeFromAmount}, 0) >= 0 and coalesce(${t.codFeeAmount}, 0) >= 0`),
    check(
      'shipping_methods_kind_shape',
      sql`(${t.kind} = 'free_above') = (${t.freeFromAmount} is not null) and (${t.kind} = 'cash_on_delivery') = (${t.codFeeAmount} is not null)`,
    ),
  ],
);

/**
 * A discount: automatic when `code` is null, else entered by the shopper (unique per store,
 * whatever the case). `times_used` is only ever changed by one conditional UPDATE (see
 * discount-redemption.repository.ts), so it can never pass `usage_limit`.
 */
export const discounts = pgTable(
  'discounts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    code: text('code'),
    kind: text('kind', { enum: DISCOUNT_KINDS }).notNull(),
    /** percentage only, in millionths. */
    ratePpm: integer('rate_ppm'),
    /** fixed_amount only. */
    amount: money('amount'),
    /** Of `amount` and `minimum_subtotal_amount`: the store's currency when the discount was written. */
    currency: char('currency', { length: 3 }).notNull(),
    scope: text('scope', { enum: DISCOUNT_SCOPES }).notNull().default('order'),
    productIds: uuid('product_ids').array().notNull().default(sql`'{}'::uuid[]`),
    categoryIds: uuid('category_ids').array().notNull().default(sql`'{}'::uuid[]`),
    minimumSubtotalAmount: money('minimum_subtotal_amount'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    combinable: boolean('combinable').notNull().default(false),
    usageLimit: integer('usage_limit'),
    perCustomerLimit: integer('per_customer_limit'),
    timesUsed: integer('times_used').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('discounts_tenant_code_key').on(t.tenantId, sql`lower(${t.code})`).where(sql`${t.code} is not null`),
    index('discounts_tenant_id_idx').on(t.tenantId, t.id),
    index('discounts_tenant_automatic_idx').on(t.tenantId, t.active).where(sql`${t.code} is null`),
    check('discounts_value_shape', sql`(${t.kind} = 'percentage') = (${t.ratePpm} is not null) and (${t.kind} = 'fixed_amount') = (${t.amount} is not null)`),
    check('discounts_rate_range', sql`${t.ratePpm} is null or ${t.ratePpm} between 1 and 1000000`),
    check('discounts_amounts_not_negative', sql`coalesce(${t.amount}, 0) >= 0 and coalesce(${t.minimumSubtotalAmount}, 0) >= 0`),
    check('discounts_window', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
    check('discounts_limits', sql`coalesce(${t.usageLimit}, 1) >= 1 and coalesce(${t.perCustomerLimit}, 1) >= 1`),
    check('discounts_times_used', sql`${t.timesUsed} >= 0 and (${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit})`),
  ],
);

/** How often one customer (by account, or by normalised email for guests) has used a discount; kept beside the redemptions for the per-customer limit. */
export const discountCustomerUsages = pgTable(
  'discount_customer_usages',
  {
    tenantId: tenantId(),
    discountId: uuid('discount_id').notNull().references(() => discounts.id, { onDelete: 'cascade' }),
    /** `customer:<id>` or `email:<lower-cased email>`. */
    customerKey: text('customer_key').notNull(),
    timesUsed: integer('times_used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.discountId, t.customerKey] }), check('discount_customer_usages_times_used', sql`${t.timesUsed} >= 0`)],
);

/** One use of a discount by an order; filled by checkout. A discount with redemptions cannot be deleted (deactivate it instead). */
export const discountRedemptions = pgTable(
  'discount_redemptions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    discountId: uuid('discount_id').notNull().references(() => discounts.id, { onDelete: 'restrict' }),
    orderReference: text('order_reference').notNull(),
    customerId: uuid('customer_id'),
    /** Lower-cased and trimmed. */
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [
    index('discount_redemptions_tenant_discount_idx').on(t.tenantId, t.discountId, t.createdAt),
    index('discount_redemptions_tenant_order_idx').on(t.tenantId, t.orderReference),
    check('discount_redemptions_who', sql`${t.customerId} is not null or ${t.email} is not null`),
  ],
);
