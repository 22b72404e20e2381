import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared, executePreparedQuery } from '../../platform/db/prepared-statement.ts';
import type { OrderStatus } from './order-status.ts';
import { orderLines, orders, orderStatusHistory } from './orders.tables.ts';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, 'number' | 'status' | 'paymentStatus' | 'placedAt' | 'updatedAt'>;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type HistoryRow = typeof orderStatusHistory.$inferSelect;

// Checkout's inserts run as prepared statements: planning them cost as much as running them.
export async function insertOrder(tx: Tx, row: NewOrder): Promise<OrderRow> {
  const [inserted] = await executePreparedQuery(tx.insert(orders).values(row).returning());
  return inserted!;
}

export async function insertOrderLines(tx: Tx, rows: Array<typeof orderLines.$inferInsert>): Promise<OrderLineRow[]> {
  return executePreparedQuery(tx.insert(orderLines).values(rows).returning());
}

export async function insertHistory(tx: Tx, row: Omit<typeof orderStatusHistory.$inferInsert, 'id' | 'at'>): Promise<HistoryRow> {
  const [inserted] = await executePreparedQuery(tx.insert(orderStatusHistory).values({ ...row, id: uuidv7() }).returning());
  return inserted!;
}

/**
 * Gives the order the store's next number, from the store's sequence (migration 0021): no lock is
 * held afterwards, so checkouts of one store do not queue for it. Checkout runs it last, after
 * every refusal, so a refused checkout uses no number.
 */
export async function assignOrderNumber(tx: Tx, tenantId: string, orderId: string): Promise<number> {
  const [row] = await executePrepared<{ number: number }>(tx, sql`
    update orders set number = next_order_number()
    where tenant_id = ${tenantId} and id = ${orderId}
    returning number`);
  return row!.number;
}

/** The store's order, row-locked when it is about to change (so changes to one order queue up). */
export async function findOrder(tx: Tx, tenantId: string, id: string, lock = false): Promise<OrderRow | undefined> {
  const query = tx.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** A customer's own order by its number; undefined for anyone else's. */
export async function findCustomerOrder(tx: Tx, tenantId: string, customerId: string, number: number): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.customerId, customerId), eq(orders.number, number)));
  return row;
}

export async function linesOfOrder(tx: Tx, tenantId: string, orderId: string): Promise<OrderLineRow[]> {
  return tx.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId))).orderBy(asc(orderLines.position));
}

/** The lines of several orders, each order's in position order. */
export async function linesOfOrders(tx: Tx, tenantId: string, orderIds: string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, orderIds)))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
}

export async function historyOfOrder(tx: Tx, tenantId: string, orderId: string): Promise<HistoryRow[]> {
  return tx.select().from(orderStatusHistory).where(and(eq(orderStatusHistory.tenantId, tenantId), eq(orderStatusHistory.orderId, orderId))).orderBy(asc(orderStatusHistory.id));
}

/** Moves the order from `from` to `to` only while it is still `from`. */
export async function setOrderStatus(tx: Tx, tenantId: string, id: string, from: OrderStatus, to: OrderStatus): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id), eq(orders.status, from)))
    .returning();
  return row;
}

export async function setOrderTags(tx: Tx, tenantId: string, id: string, tags: string[]): Promise<OrderRow | undefined> {
  const [row] = await tx.update(orders).set({ tags, updatedAt: sql`now()` }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).returning();
  return row;
}

export async function touchOrder(tx: Tx, tenantId: string, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.update(orders).set({ updatedAt: sql`now()` }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).returning();
  return row;
}

/** Marks the confirmation mail as queued; undefined when it already was (a retried job), so it goes out once. */
export async function claimConfirmation(tx: Tx, tenantId: string, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ confirmationQueuedAt: sql`now()` })
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id), isNull(orders.confirmationQueuedAt)))
    .returning();
  return row;
}

/** Stores the payment state the payments module derived from the order's payment records. */
export async function setPaymentStatus(tx: Tx, tenantId: string, id: string, status: OrderRow['paymentStatus']): Promise<void> {
  await tx.update(orders).set({ paymentStatus: status, updatedAt: sql`now()` }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id)));
}
