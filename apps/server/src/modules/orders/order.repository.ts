import { and, asc, eq, gt, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import type { WriteStep } from '../../platform/db/write-step.ts';
import { executePreparedQuery } from '../../platform/db/prepared-statement.ts';
import { slot, slotsFor, statementTemplate, type Slot, type StatementTemplate } from '../../platform/db/statement-template.ts';
import type { OrderStatus } from './order-status.ts';
import { orderConfirmationsDue, orderLines, orders, orderStatusHistory } from './orders.tables.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type HistoryRow = typeof orderStatusHistory.$inferSelect;

/** A placed order as checkout writes it: every column but those the database sets. */
export type PlacedOrder = Omit<OrderRow, 'number' | 'status' | 'paymentStatus' | 'tags' | 'placedAt' | 'updatedAt'>;

type PlacedRow = { number: number; placed_at_ms: number };

/** A line as checkout writes it: its location may be left for the statement to read (see insertPlacedOrder). */
export type PlacedLine = Omit<OrderLineRow, 'locationId'> & { locationId?: string };

/** One template per shape: which fields the order, its history row and its lines have, how many lines, which steps. */
const placedTemplates = new Map<string, StatementTemplate<PlacedRow>>();

const fieldsOf = (row: object): string[] => Object.entries(row).filter(([, value]) => value !== undefined).map(([field]) => field).sort();

/** Where a line's location comes from when the statement reads it rather than being given it. */
export type LineLocationOf = (reservationId: Slot) => SQL;

type PlacedShape = { order: string[]; history: string[]; line: string[]; lines: number; steps: readonly WriteStep[]; locationOf?: LineLocationOf | undefined };

function placedTemplate(key: string, shape: PlacedShape): StatementTemplate<PlacedRow> {
  let template = placedTemplates.get(key);
  if (!template) {
    template = statementTemplate((tx) => {
      const placed = tx.insert(orders).values({ ...(slotsFor(shape.order, 'order_') as unknown as PlacedOrder), number: sql`next_order_number()` });
      const history = tx.insert(orderStatusHistory).values(slotsFor(shape.history, 'history_') as unknown as HistoryRow);
      const lineRow = (i: number) => ({ ...slotsFor(shape.line, `line${i}_`), ...(shape.locationOf ? { locationId: shape.locationOf(slot(`line${i}_reservationId`)) } : {}) });
      const lines = tx.insert(orderLines).values(Array.from({ length: shape.lines }, (_, i) => lineRow(i) as unknown as OrderLineRow));
      const due = tx.insert(orderConfirmationsDue).values({ tenantId: slot('order_tenantId'), orderId: slot('order_id') } as unknown as typeof orderConfirmationsDue.$inferInsert);
      const steps = shape.steps.map((step, i) => sql`, ${sql.raw(`step_${i}`)} as (${step.build(tx, (name) => slot(`step${i}_${name}`))})`);
      return sql`
        with placed as (${placed.returning({ number: orders.number, placedAt: orders.placedAt }).getSQL()}),
          first_history as (${history.getSQL()}),
          order_lines as (${lines.getSQL()}),
          confirmation_due as (${due.getSQL()})${sql.join(steps)}
        select number, (extract(epoch from placed_at) * 1000)::float8 as placed_at_ms from placed`;
    });
    placedTemplates.set(key, template);
  }
  return template;
}

/**
 * Inserts a placed order with the store's next number, its first history row, its lines and its
 * row in order_confirmations_due (its confirmation mail is still to be queued), in
 * one statement (checkout's last before the commit), together with other modules' `steps`. The number comes from the store's sequence
 * (migration 0021): no lock is held afterwards, so checkouts of one store do not queue for it.
 * The rows are answered as inserted: what the database adds is the number and the time. Given
 * `locationOf`, each line's location is what it says for the line's reservation (the lines then
 * come without one), so the statement can be sent before the reservations are answered.
 */
export async function insertPlacedOrder<L extends PlacedLine>(
  tx: Tx,
  order: PlacedOrder,
  history: Omit<HistoryRow, 'at'>,
  lines: L[],
  steps: readonly WriteStep[],
  locationOf?: LineLocationOf,
): Promise<{ order: OrderRow & { number: number }; history: HistoryRow; lines: L[] }> {
  if (lines.length === 0) throw new Error('an order needs at least one line');
  const line = fieldsOf(lines[0]!).filter((field) => !(locationOf && field === 'locationId'));
  const shape: PlacedShape = { order: fieldsOf(order), history: fieldsOf(history), line, lines: lines.length, steps, locationOf };
  const key = [shape.order.join(','), shape.history.join(','), shape.line.join(','), shape.lines, locationOf ? 'location-of-reservation' : 'location-given', ...steps.map((step) => step.key)].join('|');
  const values: Record<string, unknown> = {};
  for (const field of shape.order) values[`order_${field}`] = (order as Record<string, unknown>)[field];
  for (const field of shape.history) values[`history_${field}`] = (history as Record<string, unknown>)[field];
  lines.forEach((line, i) => {
    for (const field of shape.line) values[`line${i}_${field}`] = (line as Record<string, unknown>)[field];
  });
  steps.forEach((step, i) => {
    for (const [name, value] of Object.entries(step.values)) values[`step${i}_${name}`] = value;
  });
  const [row] = await placedTemplate(key, shape).run(tx, values);
  const placedAt = new Date(row!.placed_at_ms);
  return {
    order: { ...order, number: row!.number, status: 'pending', paymentStatus: 'unpaid', tags: [], placedAt, updatedAt: placedAt },
    history: { ...history, at: placedAt },
    lines,
  };
}

export async function insertOrderLines(tx: Tx, rows: Array<typeof orderLines.$inferInsert>): Promise<OrderLineRow[]> {
  return executePreparedQuery(tx.insert(orderLines).values(rows).returning());
}

export async function insertHistory(tx: Tx, row: Omit<typeof orderStatusHistory.$inferInsert, 'id' | 'at'>): Promise<HistoryRow> {
  const [inserted] = await executePreparedQuery(tx.insert(orderStatusHistory).values({ ...row, id: uuidv7() }).returning());
  return inserted!;
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

/**
 * Takes the order's confirmation off the due list; undefined when it was not on it (queued already,
 * by a retried job or by the store's job), so the mail goes out once.
 */
export async function claimConfirmation(tx: Tx, tenantId: string, id: string): Promise<OrderRow | undefined> {
  const taken = await tx
    .delete(orderConfirmationsDue)
    .where(and(eq(orderConfirmationsDue.tenantId, tenantId), eq(orderConfirmationsDue.orderId, id)))
    .returning({ orderId: orderConfirmationsDue.orderId });
  if (taken.length === 0) return undefined;
  return findOrder(tx, tenantId, id);
}

const dueWithin = (withinDays: number) => gt(orderConfirmationsDue.placedAt, sql`now() - make_interval(days => ${withinDays})`);

/**
 * The statement that takes up to `limit` of the store's orders whose confirmation is due (placed
 * within the last `withinDays`) off the due list, oldest first (order ids are UUIDv7, so the key's
 * order is the order of placing). Rows another transaction is taking are skipped, so two runs never
 * take the same order. It reads only the due list: a join to orders let the planner walk every
 * order of the window (migration 0029). The locking read is an `= any(array(...))` so that it runs
 * once; as `in (...)` the planner may make it the inner side of a join and lock again for every
 * row taken (docs/architecture.md#locking-subqueries).
 */
export function takeDueConfirmations(tx: Pick<Tx, 'select' | 'delete'>, tenantId: string, limit: number, withinDays: number) {
  const due = tx
    .select({ orderId: orderConfirmationsDue.orderId })
    .from(orderConfirmationsDue)
    .where(and(eq(orderConfirmationsDue.tenantId, tenantId), dueWithin(withinDays)))
    .orderBy(asc(orderConfirmationsDue.orderId))
    .limit(limit)
    .for('update', { skipLocked: true });
  return tx
    .delete(orderConfirmationsDue)
    .where(and(eq(orderConfirmationsDue.tenantId, tenantId), sql`${orderConfirmationsDue.orderId} = any(array(${due}))`))
    .returning({ orderId: orderConfirmationsDue.orderId });
}

/** Takes the store's due confirmations off the list (takeDueConfirmations) and returns their orders by placed_at. */
export async function claimPendingConfirmations(tx: Tx, tenantId: string, limit: number, withinDays: number): Promise<OrderRow[]> {
  const taken = await takeDueConfirmations(tx, tenantId, limit, withinDays);
  if (taken.length === 0) return [];
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), inArray(orders.id, taken.map((t) => t.orderId))))
    .orderBy(asc(orders.placedAt), asc(orders.id));
}

/** Stores (platform-wide) with an order placed `olderThanSeconds` ago or more, within `withinDays`, whose confirmation is still due. */
export async function storesWithPendingConfirmations(tx: Tx, olderThanSeconds: number, withinDays: number, limit: number): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ tenantId: orderConfirmationsDue.tenantId })
    .from(orderConfirmationsDue)
    .where(and(lt(orderConfirmationsDue.placedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`), dueWithin(withinDays)))
    .limit(limit);
  return rows.map((r) => r.tenantId);
}

/** Takes orders placed more than `withinDays` ago off the due list (platform-wide): they stay unconfirmed. Returns how many. */
export async function dropLapsedConfirmations(tx: Tx, withinDays: number): Promise<number> {
  const dropped = await tx
    .delete(orderConfirmationsDue)
    .where(lte(orderConfirmationsDue.placedAt, sql`now() - make_interval(days => ${withinDays})`))
    .returning({ orderId: orderConfirmationsDue.orderId });
  return dropped.length;
}

/** Stores the payment state the payments module derived from the order's payment records. */
export async function setPaymentStatus(tx: Tx, tenantId: string, id: string, status: OrderRow['paymentStatus']): Promise<void> {
  await tx.update(orders).set({ paymentStatus: status, updatedAt: sql`now()` }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id)));
}
