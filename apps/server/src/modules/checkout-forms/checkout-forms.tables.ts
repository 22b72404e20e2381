import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const CHECKOUT_FORM_STATUSES = ['draft', 'published', 'archived'] as const;
export const FORM_FIELDS = ['email', 'phone', 'company', 'line2', 'postalCode', 'region', 'note'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FieldRule = 'required' | 'optional' | 'hidden';

/**
 * A checkout form a merchant embeds on any site: the products it sells, the fields it asks and
 * the origins allowed to post it. Name, address line 1, city and country are always asked.
 */
export const checkoutForms = pgTable(
  'checkout_forms',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: CHECKOUT_FORM_STATUSES }).notNull().default('draft'),
    fields: jsonb('fields').$type<Partial<Record<FormField, FieldRule>>>().notNull(),
    /** Exact origins (`https://shop.example`) whose pages may post the form. */
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    /** A post sooner than this after the form was served is taken for a bot. */
    minFillSeconds: integer('min_fill_seconds').notNull().default(3),
    /** The store's cash-on-delivery shipping method the orders use. */
    shippingMethodId: uuid('shipping_method_id').notNull(),
    /** Country (ISO 3166-1 alpha-2) assumed for phone numbers written without +country code. */
    defaultCountry: text('default_country').notNull(),
    successMessage: text('success_message'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'checkout_forms_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('checkout_forms_tenant_slug_key').on(t.tenantId, t.slug),
    check('checkout_forms_min_fill_range', sql`${t.minFillSeconds} between 0 and 3600`),
  ],
);

/** A variant a form offers, in order, with the quantities a shopper may pick. */
export const checkoutFormItems = pgTable(
  'checkout_form_items',
  {
    tenantId: tenantId(),
    formId: uuid('form_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    position: integer('position').notNull(),
    maxQuantity: integer('max_quantity').notNull().default(10),
  },
  (t) => [
    primaryKey({ name: 'checkout_form_items_pkey', columns: [t.tenantId, t.formId, t.variantId] }),
    index('checkout_form_items_tenant_variant_idx').on(t.tenantId, t.variantId),
    foreignKey({ name: 'checkout_form_items_form_fk', columns: [t.tenantId, t.formId], foreignColumns: [checkoutForms.tenantId, checkoutForms.id] }).onDelete('cascade'),
    check('checkout_form_items_max_quantity_positive', sql`${t.maxQuantity} > 0`),
  ],
);
