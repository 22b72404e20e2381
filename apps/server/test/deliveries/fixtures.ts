import { sql } from 'drizzle-orm';
import { noDeliveryMetrics, type DeliveriesDeps } from '../../src/modules/deliveries/index.ts';
import { noOrderMetrics } from '../../src/modules/orders/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { listDomainEvents, type DomainEventType } from '../../src/platform/events/index.ts';
import type { TestApp } from '../app.ts';
import { addStaff } from '../identity/staff-fixtures.ts';
import { checkout, orderShop, readyCart, staff, type Shop } from '../orders/fixtures.ts';
import { as, bearer, roleToken } from '../security/fixtures.ts';

export { countRows, stockOf } from '../orders/fixtures.ts';
export type { Shop };

type Method = 'GET' | 'POST' | 'PUT';

/** A shop with a cash-on-delivery method, a mug in stock and two delivery agents. */
export async function deliveryShop(t: TestApp, handle: string, stock = 50) {
  const { shop, cod, post, mug } = await orderShop(t, handle, stock);
  const ana = await addStaff(t, shop.storeId, `ana@${handle}.test`, 'delivery_agent');
  const ben = await addStaff(t, shop.storeId, `ben@${handle}.test`, 'delivery_agent');
  return { shop, cod, post, mug, ana, ben };
}

export type DeliveryShop = Awaited<ReturnType<typeof deliveryShop>>;

/** A cash-on-delivery order of `quantity` mugs, placed by a shopper and, unless told otherwise, confirmed by staff. */
export async function codOrder(t: TestApp, s: DeliveryShop, quantity = 1, confirm = true): Promise<{ id: string; number: number; grandTotal: { amount: number; currency: string } }> {
  const placed = await checkout(t, s.shop, await readyCart(t, s.shop, s.mug.variantId, quantity, s.cod), 'cash_on_delivery');
  if (placed.statusCode !== 201) throw new Error(`checkout: ${placed.statusCode} ${placed.body}`);
  const order = placed.json() as { id: string; number: number; grandTotal: { amount: number; currency: string } };
  if (confirm) await moveOrder(t, s.shop.storeId, order.id, 'confirmed');
  return order;
}

export async function moveOrder(t: TestApp, storeId: string, orderId: string, status: string): Promise<void> {
  const res = await staff(t, storeId, 'POST', `/orders/${orderId}/status`, { status });
  if (res.statusCode !== 200) throw new Error(`${status}: ${res.statusCode} ${res.body}`);
}

/** A request to /api/v1/admin{path} as a role of the store (a manager unless told). */
export function asRole(t: TestApp, role: Parameters<typeof as>[0], storeId: string, method: Method, path: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: { ...as(role, storeId), ...headers }, ...(payload ? { payload } : {}) });
}

/** A request to /api/v1/admin{path} as one particular delivery agent. */
export function asAgent(t: TestApp, storeId: string, agentId: string, method: Method, path: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: { ...bearer(roleToken('delivery_agent', storeId, agentId)), ...headers }, ...(payload ? { payload } : {}) });
}

export function assign(t: TestApp, storeId: string, orderId: string, agentId: string, extra: Record<string, unknown> = {}) {
  return asRole(t, 'manager', storeId, 'POST', `/orders/${orderId}/delivery-assignments`, { agentId, ...extra });
}

/** Assigns and fails loudly otherwise; returns the delivery id. */
export async function assigned(t: TestApp, storeId: string, orderId: string, agentId: string): Promise<string> {
  const res = await assign(t, storeId, orderId, agentId);
  if (res.statusCode !== 200) throw new Error(`assign: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** An assigned delivery that its agent has taken out; returns the delivery id. */
export async function outForDelivery(t: TestApp, storeId: string, orderId: string, agentId: string): Promise<string> {
  const id = await assigned(t, storeId, orderId, agentId);
  const res = await asAgent(t, storeId, agentId, 'POST', `/my-deliveries/${id}/start`);
  if (res.statusCode !== 200) throw new Error(`start: ${res.statusCode} ${res.body}`);
  return id;
}

export async function eventsOf(t: TestApp, storeId: string, type: DomainEventType) {
  return inTransaction(t.database.db, { tenantId: storeId }, (tx) => listDomainEvents(tx, storeId, { type, limit: 1000 }));
}

export async function paymentsOf(t: TestApp, storeId: string, orderId: string) {
  const r = await t.database.db.execute<{ provider: string; status: string; amount: string; captured_amount: string; currency: string; provider_reference: string | null }>(
    sql`select provider, status, amount, captured_amount, currency, provider_reference from payments where tenant_id = ${storeId} and order_id = ${orderId} order by id`,
  );
  return r.rows.map((p) => ({ ...p, amount: Number(p.amount), captured_amount: Number(p.captured_amount) }));
}

/** Services of the module over the test database, with a clock the test sets. */
export function depsAt(t: TestApp, clock: { now: Date }): DeliveriesDeps {
  return { db: t.database.db, metrics: noDeliveryMetrics, orderMetrics: noOrderMetrics, now: () => clock.now };
}

/** A service ctx for a staff member of the store (an agent, a manager …). */
export function staffCtx(t: TestApp, storeId: string, staffId: string): Ctx {
  return { tenantId: storeId, actor: { kind: 'staff', id: staffId }, permissions: new Set(['*']), requestId: 'test', log: t.log };
}

export async function setStoreTimezone(t: TestApp, storeId: string, timezone: string): Promise<void> {
  await t.database.db.execute(sql`update stores set timezone = ${timezone} where id = ${storeId}`);
}
