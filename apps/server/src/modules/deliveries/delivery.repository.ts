import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { orders } from '../orders/orders.tables.ts';
import { deliveries, deliveryAssignments, deliveryAttempts, type DeliveryStatus } from './deliveries.tables.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type AssignmentRow = typeof deliveryAssignments.$inferSelect;
export type AttemptRow = typeof deliveryAttempts.$inferSelect;

/** A delivery with what the desk shows of its order. */
export type DeskRow = DeliveryRow & { orderNumber: number | null; orderStatus: string };
/** A delivery with what its agent needs at the door. */
export type RoundRow = DeskRow & Pick<typeof orders.$inferSelect, 'customerName' | 'phone' | 'shippingAddress'>;

export interface DeskFilters {
  status?: DeliveryStatus | undefined;
  agentId?: string | undefined;
  scheduledFor?: string | undefined;
  orderId?: string | undefined;
}

/** The order fields the desk decides on, row-locked: the desk takes the order's lock before the delivery's, as status moves do. */
export async function lockOrder(tx: Tx, tenantId: string, orderId: string) {
  const [row] = await tx
    .select({ id: orders.id, number: orders.number, status: orders.status, paymentMethod: orders.paymentMethod, grandTotal: orders.grandTotalAmount, currency: orders.currency })
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)))
    .for('update');
  return row;
}

export async function findDelivery(tx: Tx, tenantId: string, id: string, lock = false): Promise<DeliveryRow | undefined> {
  const query = tx.select().from(deliveries).where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function findDeliveryOfOrder(tx: Tx, tenantId: string, orderId: string, lock = false): Promise<DeliveryRow | undefined> {
  const query = tx.select().from(deliveries).where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.orderId, orderId)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertDelivery(tx: Tx, row: typeof deliveries.$inferInsert): Promise<DeliveryRow> {
  const [inserted] = await tx.insert(deliveries).values(row).returning();
  return inserted!;
}

type DeliveryChanges = Partial<Pick<DeliveryRow, 'agentId' | 'status' | 'scheduledFor' | 'assignedAt' | 'cashCollectedAmount' | 'cashDueAmount' | 'deliveredAt' | 'collectedOn'>>;

/** Changes a delivery the caller holds locked; `countAttempt` adds one to its attempts in the same statement. */
export async function updateDelivery(tx: Tx, tenantId: string, id: string, changes: DeliveryChanges, countAttempt = false): Promise<DeliveryRow> {
  const [row] = await tx
    .update(deliveries)
    .set({ ...changes, ...(countAttempt ? { attemptCount: sql`${deliveries.attemptCount} + 1` } : {}), updatedAt: sql`now()` })
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)))
    .returning();
  return row!;
}

/** Moves the order's delivery to `to` if it is in one of `from` (its order was cancelled or returned); undefined when there was none. */
export async function closeOpenDeliveryOfOrder(tx: Tx, tenantId: string, orderId: string, from: readonly DeliveryStatus[], to: DeliveryStatus): Promise<DeliveryRow | undefined> {
  const [row] = await tx
    .update(deliveries)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.orderId, orderId), inArray(deliveries.status, [...from])))
    .returning();
  return row;
}

export async function insertAssignment(tx: Tx, row: typeof deliveryAssignments.$inferInsert): Promise<void> {
  await tx.insert(deliveryAssignments).values(row);
}

export async function insertAttempt(tx: Tx, row: typeof deliveryAttempts.$inferInsert): Promise<AttemptRow> {
  const [inserted] = await tx.insert(deliveryAttempts).values(row).returning();
  return inserted!;
}

export function assignmentsOf(tx: Tx, tenantId: string, deliveryId: string): Promise<AssignmentRow[]> {
  return tx.select().from(deliveryAssignments).where(and(eq(deliveryAssignments.tenantId, tenantId), eq(deliveryAssignments.deliveryId, deliveryId))).orderBy(asc(deliveryAssignments.id));
}

export function attemptsOf(tx: Tx, tenantId: string, deliveryId: string): Promise<AttemptRow[]> {
  return tx.select().from(deliveryAttempts).where(and(eq(deliveryAttempts.tenantId, tenantId), eq(deliveryAttempts.deliveryId, deliveryId))).orderBy(asc(deliveryAttempts.id));
}

const withOrder = (tenantId: string) => and(eq(orders.tenantId, tenantId), eq(orders.id, deliveries.orderId));
const deskColumns = { orderNumber: orders.number, orderStatus: orders.status };

function matching(tenantId: string, f: DeskFilters & { statuses?: readonly DeliveryStatus[] }, before?: string): SQL | undefined {
  return and(
    eq(deliveries.tenantId, tenantId),
    f.status ? eq(deliveries.status, f.status) : undefined,
    !f.status && f.statuses ? inArray(deliveries.status, [...f.statuses]) : undefined,
    f.agentId ? eq(deliveries.agentId, f.agentId) : undefined,
    f.scheduledFor ? eq(deliveries.scheduledFor, f.scheduledFor) : undefined,
    f.orderId ? eq(deliveries.orderId, f.orderId) : undefined,
    before ? lt(deliveries.id, before) : undefined,
  );
}

/** A page of the store's deliveries passing the filters, newest first, one more than `limit` when there are more. */
export async function listDeliveries(tx: Tx, tenantId: string, f: DeskFilters, page: { limit: number; cursor?: string | undefined }): Promise<DeskRow[]> {
  const rows = await tx
    .select({ delivery: deliveries, ...deskColumns })
    .from(deliveries)
    .innerJoin(orders, withOrder(tenantId))
    .where(matching(tenantId, f, page.cursor))
    .orderBy(desc(deliveries.id))
    .limit(page.limit + 1);
  return rows.map((r) => ({ ...r.delivery, orderNumber: r.orderNumber, orderStatus: r.orderStatus }));
}

/** A page of one agent's deliveries (open ones unless a status is asked for), newest first. */
export async function listRound(
  tx: Tx,
  tenantId: string,
  agentId: string,
  f: { status?: DeliveryStatus | undefined; scheduledFor?: string | undefined; open: readonly DeliveryStatus[] },
  page: { limit: number; cursor?: string | undefined },
): Promise<RoundRow[]> {
  const rows = await tx
    .select({ delivery: deliveries, ...deskColumns, customerName: orders.customerName, phone: orders.phone, shippingAddress: orders.shippingAddress })
    .from(deliveries)
    .innerJoin(orders, withOrder(tenantId))
    .where(matching(tenantId, { agentId, status: f.status, scheduledFor: f.scheduledFor, statuses: f.open }, page.cursor))
    .orderBy(desc(deliveries.id))
    .limit(page.limit + 1);
  return rows.map((r) => ({ ...r.delivery, orderNumber: r.orderNumber, orderStatus: r.orderStatus, customerName: r.customerName, phone: r.phone, shippingAddress: r.shippingAddress }));
}

/** One delivery with its order's desk fields; with `agentId`, only if it is that agent's. */
export async function findDeskRow(tx: Tx, tenantId: string, id: string, agentId?: string): Promise<RoundRow | undefined> {
  const [r] = await tx
    .select({ delivery: deliveries, ...deskColumns, customerName: orders.customerName, phone: orders.phone, shippingAddress: orders.shippingAddress })
    .from(deliveries)
    .innerJoin(orders, withOrder(tenantId))
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id), agentId ? eq(deliveries.agentId, agentId) : undefined));
  return r && { ...r.delivery, orderNumber: r.orderNumber, orderStatus: r.orderStatus, customerName: r.customerName, phone: r.phone, shippingAddress: r.shippingAddress };
}

/**
 * Cash-on-delivery orders ready to go out (`ready`) that no agent carries yet: without a delivery,
 * or with one that has no agent. Oldest first, after the order `after`.
 */
export async function listUnassignedOrders(tx: Tx, tenantId: string, ready: readonly string[], page: { limit: number; cursor?: string | undefined }) {
  return tx
    .select({ id: orders.id, number: orders.number, status: orders.status, grandTotal: orders.grandTotalAmount, currency: orders.currency, placedAt: orders.placedAt, deliveryId: deliveries.id })
    .from(orders)
    .leftJoin(deliveries, and(eq(deliveries.tenantId, tenantId), eq(deliveries.orderId, orders.id)))
    .where(
      and(
        eq(orders.tenantId, tenantId),
        eq(orders.paymentMethod, 'cash_on_delivery'),
        inArray(orders.status, ready as Array<(typeof orders.$inferSelect)['status']>),
        sql`${deliveries.agentId} is null`,
        page.cursor ? sql`${orders.id} > ${page.cursor}` : undefined,
      ),
    )
    .orderBy(asc(orders.id))
    .limit(page.limit + 1);
}
