import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from '../catalog/catalog.tables.ts';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const variantId = () => uuid('variant_id').notNull().references(() => variants.id, { onDelete: 'cascade' });
const locationId = () => uuid('location_id').notNull().references(() => locations.id, { onDelete: 'no action' });

export const LOCATION_KINDS = ['warehouse', 'outlet'] as const;
export const MOVEMENT_KINDS = ['receive', 'sale', 'return', 'adjustment', 'transfer_in', 'transfer_out', 'count_correction', 'reservation_commit'] as const;
export const RESERVATION_STATUSES = ['active', 'committed', 'released', 'expired'] as const;

/** Where stock is kept: a warehouse or a POS outlet. Each store has exactly one default location. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: LOCATION_KINDS }).notNull().default('warehouse'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('locations_tenant_name_key').on(t.tenantId, t.name),
    uniqueIndex('locations_tenant_default_key').on(t.tenantId).where(sql`${t.isDefault}`),
  ],
);

/**
 * The current stock of a variant at a location, kept for speed: on_hand always
 * equals the sum of its stock_movements. available = on_hand - reserved, and
 * the checks make a negative figure impossible whatever the application does.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    variantId: variantId(),
    locationId: locationId(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    available: integer('available').generatedAlwaysAs(sql`on_hand - reserved`),
    /** Alert when available falls to this or below; null: no alert. */
    lowStockThreshold: integer('low_stock_threshold'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stock_levels_tenant_variant_location_key').on(t.tenantId, t.variantId, t.locationId),
    index('stock_levels_tenant_location_idx').on(t.tenantId, t.locationId, t.id),
    check('stock_levels_on_hand_not_negative', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_not_negative', sql`${t.reserved} >= 0`),
    check('stock_levels_reserved_within_on_hand', sql`${t.reserved} <= ${t.onHand}`),
    check('stock_levels_threshold_not_negative', sql`${t.lowStockThreshold} is null or ${t.lowStockThreshold} >= 0`),
  ],
);

/** The append-only stock ledger: one signed row per change of on_hand. The application may insert and read, never update or delete. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    variantId: variantId(),
    locationId: locationId(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
    reason: text('reason'),
    /** What caused it: an order number, a transfer id, a reservation's reference. */
    reference: text('reference'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_tenant_variant_idx').on(t.tenantId, t.variantId, t.id),
    index('stock_movements_tenant_variant_location_idx').on(t.tenantId, t.variantId, t.locationId),
    check('stock_movements_quantity_not_zero', sql`${t.quantity} <> 0`),
  ],
);

/** Stock held for a reference (a checkout, a POS sale) until committed, released, or expired. */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    variantId: variantId(),
    locationId: locationId(),
    quantity: integer('quantity').notNull(),
    reference: text('reference').notNull(),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull().default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_reservations_tenant_reference_idx').on(t.tenantId, t.reference),
    // Serves the release-expired job, which sweeps every store at once; hence not led by tenant_id.
    index('stock_reservations_active_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
    check('stock_reservations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
