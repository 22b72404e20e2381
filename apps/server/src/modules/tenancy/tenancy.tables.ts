import { sql } from 'drizzle-orm';
import { char, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A store is a tenant: its id is the tenant_id every tenant-owned row carries. */
export const stores = pgTable(
  'stores',
  {
    id: uuid('id').primaryKey(),
    /** Always equal to id; present so the store row obeys the same row-level security rule as every other tenant row. */
    tenantId: uuid('tenant_id').notNull(),
    handle: text('handle').notNull(),
    name: text('name').notNull(),
    defaultCurrency: char('default_currency', { length: 3 }).notNull(),
    locale: text('locale').notNull(),
    timezone: text('timezone').notNull(),
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    status: text('status', { enum: ['active', 'suspended'] }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stores_handle_key').on(t.handle), index('stores_tenant_id_idx').on(t.tenantId)],
);

/** Host names that address a store's storefront (shop.example.com → store). */
export const storeDomains = pgTable(
  'store_domains',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    host: text('host').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('store_domains_host_key').on(t.host), index('store_domains_tenant_idx').on(t.tenantId)],
);

/** Public, read-only storefront keys (pk_…); they grant the storefront scope of one store and nothing else. */
export const publishableKeys = pgTable(
  'publishable_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('publishable_keys_token_key').on(t.token), index('publishable_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);
