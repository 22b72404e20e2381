import { sql } from 'drizzle-orm';
import type { TestApp } from '../app.ts';
import { as } from '../security/fixtures.ts';
import { addProduct, checkout, eur, makeShop, readyCart, receive, setUp, store, type Shop } from './fixtures.ts';

/** A shop for editing orders: 21 % standard rate, Post (4.95), Express (9.95), a COD courier, a mug (12.10) and a plate (5.00), `stock` of each. */
export async function editShop(t: TestApp, handle: string, stock = 20) {
  const shop = await makeShop(t, handle);
  const standardRate = (await setUp(t, shop.storeId, 'POST', '/tax-rates', { taxClass: 'standard', ratePpm: 210_000 })).id;
  const post = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Post', kind: 'flat_rate', price: eur(495) })).id;
  const express = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Express', kind: 'flat_rate', price: eur(995) })).id;
  const cod = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Courier, pay on delivery', kind: 'cash_on_delivery', price: eur(600), codFee: eur(200) })).id;
  const mug = await addProduct(t, shop.storeId, 'Mug', 1210);
  const plate = await addProduct(t, shop.storeId, 'Plate', 500);
  for (const item of [mug, plate]) await receive(t, shop.storeId, item.variantId, stock);
  return { shop, standardRate, post, express, cod, mug, plate };
}

export interface PlacedOrder {
  id: string;
  number: number;
  lines: Array<{ id: string; variantId: string; quantity: number; unitPrice: { amount: number }; total: { amount: number }; taxRatePpm: number }>;
  grandTotal: { amount: number; currency: string };
  [key: string]: unknown;
}

/** An order of `quantity` of the variant shipped by `method`, with a discount code when given. */
export async function placeOrder(t: TestApp, shop: Shop, variantId: string, quantity: number, method: string, code?: string): Promise<PlacedOrder> {
  const cart = await readyCart(t, shop, variantId, quantity, method);
  if (code) {
    const applied = await store(t, shop, 'POST', `/carts/${cart.id}/discount-codes`, { token: cart.token, payload: { code } });
    if (applied.statusCode !== 200) throw new Error(`code: ${applied.statusCode} ${applied.body}`);
  }
  const res = await checkout(t, shop, cart);
  if (res.statusCode !== 201) throw new Error(`checkout: ${res.statusCode} ${res.body}`);
  return res.json() as PlacedOrder;
}

export function editOrder(t: TestApp, storeId: string, orderId: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'PATCH', url: `/api/v1/admin/orders/${orderId}`, headers: { ...as('owner', storeId), ...headers }, payload });
}

export function editsOf(t: TestApp, storeId: string, orderId: string, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/v1/admin/orders/${orderId}/edits${query}`, headers: as('owner', storeId) });
}

export function move(t: TestApp, storeId: string, orderId: string, status: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/status`, headers: as('owner', storeId), payload: { status } });
}

/** The order's stock reservations by status, read as the table owner. */
export async function reservationsOf(t: TestApp, storeId: string, orderId: string) {
  const r = await t.database.db.execute<{ variant_id: string; quantity: number; status: string }>(
    sql`select variant_id, quantity, status from stock_reservations where tenant_id = ${storeId} and reference = ${`order:${orderId}`} order by id`,
  );
  return r.rows.map((row) => ({ variantId: row.variant_id, quantity: row.quantity, status: row.status }));
}

/** Every stock level of the store whose `reserved` differs from the sum of its active reservations (expected: none). */
export async function reservedDrift(t: TestApp, storeId: string) {
  const r = await t.database.db.execute(sql`
    select s.variant_id, s.reserved, coalesce(sum(r.quantity) filter (where r.status = 'active'), 0)::int as held
    from stock_levels s left join stock_reservations r on r.tenant_id = s.tenant_id and r.variant_id = s.variant_id and r.location_id = s.location_id
    where s.tenant_id = ${storeId}
    group by s.id, s.variant_id, s.reserved
    having s.reserved <> coalesce(sum(r.quantity) filter (where r.status = 'active'), 0)`);
  return r.rows;
}

/** A discount's use count, its redemptions and the customers' use counts, read as the table owner. */
export async function usesOf(t: TestApp, storeId: string, discountId: string) {
  const one = async (query: ReturnType<typeof sql>) => ((await t.database.db.execute<{ n: number }>(query)).rows[0]?.n ?? 0);
  return {
    timesUsed: await one(sql`select times_used as n from discounts where tenant_id = ${storeId} and id = ${discountId}`),
    redemptions: await one(sql`select count(*)::int as n from discount_redemptions where tenant_id = ${storeId} and discount_id = ${discountId}`),
    customerUses: await one(sql`select coalesce(sum(times_used), 0)::int as n from discount_customer_usages where tenant_id = ${storeId} and discount_id = ${discountId}`),
  };
}

/** Everything an edit writes, for proving a refused edit wrote nothing. */
export async function editFootprint(t: TestApp, storeId: string, orderId: string) {
  const rows = async (query: ReturnType<typeof sql>) => (await t.database.db.execute(query)).rows;
  return {
    order: await rows(sql`select * from orders where tenant_id = ${storeId} and id = ${orderId}`),
    lines: await rows(sql`select * from order_lines where tenant_id = ${storeId} and order_id = ${orderId} order by position`),
    edits: await rows(sql`select * from order_edits where tenant_id = ${storeId} and order_id = ${orderId}`),
    history: await rows(sql`select * from order_status_history where tenant_id = ${storeId} and order_id = ${orderId}`),
    stock: await rows(sql`select variant_id, on_hand, reserved from stock_levels where tenant_id = ${storeId} order by variant_id`),
    reservations: await rows(sql`select * from stock_reservations where tenant_id = ${storeId} order by id`),
    events: await rows(sql`select id from domain_events where tenant_id = ${storeId} and type = 'order.edited'`),
  };
}
