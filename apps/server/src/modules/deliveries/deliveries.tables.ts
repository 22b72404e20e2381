import { sql } from 'drizzle-orm';
import { bigint, char, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Money in minor units; read as a JS number, exact up to 2^53. */
const money = (name: string) => bigint(name, { mode: 'number' });

export const DELIVERY_STATUSES = ['unassigned', 'assigned', 'out_for_delivery', 'attempt_failed', 'rescheduled', 'delivered', 'returned', 'cancelled'] as const;
export const ATTEMPT_OUTCOMES = ['failed', 'rescheduled', 'delivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A cash-on-delivery order on the desk: who carries it, how often it was tried, the cash it should bring back. */
export const deliveries = pgTable(
  'deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    /** A staff member with the delivery_agent role; null while unassigned. */
    agentId: uuid('agent_id'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('unassigned'),
    cashDueAmount: money('cash_due_amount').notNull(),
    cashCollectedAmount: money('cash_collected_amount'),
    currency: char('currency', { length: 3 }).notNull(),
    attemptCount: integer('attempt_count').notNull().default(0),
    scheduledFor: date('scheduled_for'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** The store's calendar day the cash was collected, for the daily reconciliation. */
    collectedOn: date('collected_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'deliveries_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('deliveries_tenant_order_key').on(t.tenantId, t.orderId),
    index('deliveries_tenant_agent_status_idx').on(t.tenantId, t.agentId, t.status, t.id),
    index('deliveries_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('deliveries_tenant_agent_collected_idx').on(t.tenantId, t.agentId, t.collectedOn),
    check('deliveries_amounts_not_negative', sql`${t.cashDueAmount} >= 0 and coalesce(${t.cashCollectedAmount}, 0) >= 0 and ${t.attemptCount} >= 0`),
  ],
);

/** Who a delivery was given to, by whom and when (append-only). */
export const deliveryAssignments = pgTable(
  'delivery_assignments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    fromAgentId: uuid('from_agent_id'),
    toAgentId: uuid('to_agent_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'delivery_assignments_pkey', columns: [t.tenantId, t.id] }),
    index('delivery_assignments_tenant_delivery_idx').on(t.tenantId, t.deliveryId, t.id),
    foreignKey({ name: 'delivery_assignments_delivery_fk', columns: [t.tenantId, t.deliveryId], foreignColumns: [deliveries.tenantId, deliveries.id] }).onDelete('cascade'),
  ],
);

/** Every time an agent tried to hand over an order (append-only). */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    outcome: text('outcome', { enum: ATTEMPT_OUTCOMES }).notNull(),
    reason: text('reason'),
    rescheduledFor: date('rescheduled_for'),
    cashCollectedAmount: money('cash_collected_amount'),
    note: text('note'),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'delivery_attempts_pkey', columns: [t.tenantId, t.id] }),
    index('delivery_attempts_tenant_delivery_idx').on(t.tenantId, t.deliveryId, t.id),
    index('delivery_attempts_tenant_agent_at_idx').on(t.tenantId, t.agentId, t.at),
    foreignKey({ name: 'delivery_attempts_delivery_fk', columns: [t.tenantId, t.deliveryId], foreignColumns: [deliveries.tenantId, deliveries.id] }).onDelete('cascade'),
    check('delivery_attempts_cash_not_negative', sql`coalesce(${t.cashCollectedAmount}, 0) >= 0`),
  ],
);

/**
 * An accountant's closing of one agent's day: the cash the delivered orders should have brought
 * (expected), what the agent recorded (collected) and what was handed over (counted).
 */
export const cashReconciliations = pgTable(
  'cash_reconciliations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    agentId: uuid('agent_id').notNull(),
    businessDate: date('business_date').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    expectedAmount: money('expected_amount').notNull(),
    collectedAmount: money('collected_amount').notNull(),
    countedAmount: money('counted_amount').notNull(),
    deliveryCount: integer('delivery_count').notNull(),
    note: text('note'),
    closedBy: text('closed_by').notNull(),
    closedAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'cash_reconciliations_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('cash_reconciliations_tenant_agent_date_key').on(t.tenantId, t.agentId, t.businessDate),
    index('cash_reconciliations_tenant_date_idx').on(t.tenantId, t.businessDate),
    check('cash_reconciliations_amounts_not_negative', sql`${t.expectedAmount} >= 0 and ${t.collectedAmount} >= 0 and ${t.countedAmount} >= 0`),
  ],
);
