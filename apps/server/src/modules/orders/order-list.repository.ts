import { and, arrayContains, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { deliveries } from '../deliveries/deliveries.tables.ts';
import type { OrderRow } from './order.repository.ts';
import type { OrderStatus } from './order-status.ts';
import { orders } from './orders.tables.ts';

export interface OrderFilters {
  status?: OrderStatus | undefined;
  placedFrom?: Date | undefined;
  placedTo?: Date | undefined;
  paymentMethod?: OrderRow['paymentMethod'] | undefined;
  tag?: string | undefined;
  /** An order number, or part of an email, name or phone. */
  q?: string | undefined;
  /** Orders whose delivery (modules/deliveries) this agent carries now. */
  deliveryAgentId?: string | undefined;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function carriedBy(tenantId: string, agentId: string): SQL {
  return sql`exists (select 1 from ${deliveries} where ${deliveries.tenantId} = ${tenantId} and ${deliveries.orderId} = ${orders.id} and ${deliveries.agentId} = ${agentId})`;
}

function search(q: string): SQL | undefined {
  const pattern = likePattern(q);
  const byNumber = /^#?\d{1,9}$/.test(q) ? eq(orders.number, Number(q.replace('#', ''))) : undefined;
  return or(byNumber, ilike(orders.email, pattern), ilike(orders.customerName, pattern), ilike(orders.phone, pattern));
}

/** The store's orders that pass the filters, older than `before` (an order id) when given. */
function matching(tenantId: string, f: OrderFilters, before?: string): SQL | undefined {
  return and(
    eq(orders.tenantId, tenantId),
    f.status ? eq(orders.status, f.status) : undefined,
    f.placedFrom ? gte(orders.placedAt, f.placedFrom) : undefined,
    f.placedTo ? lt(orders.placedAt, f.placedTo) : undefined,
    f.paymentMethod ? eq(orders.paymentMethod, f.paymentMethod) : undefined,
    f.tag ? arrayContains(orders.tags, [f.tag]) : undefined,
    f.q ? search(f.q) : undefined,
    f.deliveryAgentId ? carriedBy(tenantId, f.deliveryAgentId) : undefined,
    before ? lt(orders.id, before) : undefined,
  );
}

/** A page of the store's orders, newest first, one more than `limit` when there are more. */
export async function listOrders(tx: Tx, tenantId: string, f: OrderFilters, page: { limit: number; cursor?: string | undefined }): Promise<OrderRow[]> {
  return tx.select().from(orders).where(matching(tenantId, f, page.cursor)).orderBy(desc(orders.id)).limit(page.limit + 1);
}

/** How many of the store's orders pass the filters. */
export async function countOrders(tx: Tx, tenantId: string, f: OrderFilters): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(orders).where(matching(tenantId, f));
  return row?.n ?? 0;
}

/** The next `limit` orders passing the filters, newest first, after the order `before` (keyset, for exports). */
export async function ordersBefore(tx: Tx, tenantId: string, f: OrderFilters, before: string | undefined, limit: number): Promise<OrderRow[]> {
  return tx.select().from(orders).where(matching(tenantId, f, before)).orderBy(desc(orders.id)).limit(limit);
}

/** A page of one customer's orders, newest first. */
export async function listCustomerOrders(tx: Tx, tenantId: string, customerId: string, page: { limit: number; cursor?: string | undefined }): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.customerId, customerId), page.cursor ? lt(orders.id, page.cursor) : undefined, sql`${orders.number} is not null`))
    .orderBy(desc(orders.id))
    .limit(page.limit + 1);
}
