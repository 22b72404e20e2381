import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from '../catalog/catalog.tables.ts';
import { shippingMethods } from '../checkout-settings/checkout-settings.tables.ts';
import { customers } from '../identity/identity.tables.ts';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const CART_STATUSES = ['active', 'converted', 'abandoned', 'merged'] as const;

export type ShippingAddress = {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  region: string | null;
  country: string;
  phone: string | null;
};

/**
 * A shopper's cart. It is reached with its id and a random token handed out once at creation;
 * only the token's SHA-256 is kept. Prices are never stored here: they are read from the catalog
 * each time the cart is shown.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** Hex SHA-256 of the cart token. */
    tokenHash: text('token_hash').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    email: text('email'),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    shippingMethodId: uuid('shipping_method_id').references(() => shippingMethods.id, { onDelete: 'set null' }),
    /** Codes as the discounts spell them. */
    discountCodes: text('discount_codes').array().notNull().default(sql`'{}'::text[]`),
    currency: char('currency', { length: 3 }).notNull(),
    status: text('status', { enum: CART_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One active cart per signed-in customer: claiming merges into it.
    uniqueIndex('carts_tenant_customer_active_key').on(t.tenantId, t.customerId).where(sql`${t.status} = 'active' and ${t.customerId} is not null`),
    index('carts_tenant_shipping_method_idx').on(t.tenantId, t.shippingMethodId),
    // For the expiry job, which looks at every store at once (platform scope), like idempotency_keys_expires_at_idx.
    index('carts_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** One variant in a cart; adding the same variant again adds to its quantity. */
export const cartLines = pgTable(
  'cart_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    cartId: uuid('cart_id').notNull().references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull().references(() => variants.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cart_lines_tenant_cart_variant_key').on(t.tenantId, t.cartId, t.variantId),
    index('cart_lines_tenant_variant_idx').on(t.tenantId, t.variantId),
    check('cart_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
