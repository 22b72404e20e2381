import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { checkout, ledgerDifferences, ledgerOf, readyCart, staff, stockOf, useOrderShop } from './fixtures.ts';

const o = useOrderShop('orders-status', 20);

async function placeOrder(quantity = 2): Promise<{ id: string; number: number }> {
  const res = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, quantity, o.post));
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}
const move = (id: string, status: string, note?: string, headers: Record<string, string> = {}) => staff(o.t, o.shop.storeId, 'POST', `/orders/${id}/status`, { status, ...(note ? { note } : {}) }, headers);
async function walk(id: string, ...statuses: string[]) {
  for (const status of statuses) {
    const res = await move(id, status);
    if (res.statusCode !== 200) throw new Error(`${status}: ${res.statusCode} ${res.body}`);
  }
}

describe('order status changes', () => {
  it('refuses a move the table does not allow with 409 naming the current status, changing nothing', async () => {
    const order = await placeOrder(1);
    const res = await move(order.id, 'shipped');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ORDER_TRANSITION_CONFLICT', errors: [{ path: 'body.status', message: 'cannot follow pending' }] });
    expect(res.json().detail).toContain('The order is pending');
    expect((await staff(o.t, o.shop.storeId, 'GET', `/orders/${order.id}`)).json().status).toBe('pending');
  });

  it('records each move with actor and note, and writes order.status_changed', async () => {
    const order = await placeOrder(1);
    const res = await move(order.id, 'confirmed', 'called the customer');
    expect(res.statusCode).toBe(200);
    expect(res.json().history).toMatchObject([{ from: null, to: 'pending' }, { from: 'pending', to: 'confirmed', note: 'called the customer', actor: expect.stringMatching(/^staff:/) }]);
    const events = await inTransaction(o.t.database.db, { tenantId: o.shop.storeId }, (tx) => listDomainEvents(tx, o.shop.storeId, { type: 'order.status_changed', limit: 100 }));
    expect(events.filter((e) => e.subjectId === order.id).map((e) => e.payload)).toMatchObject([{ from: 'pending', to: 'confirmed', number: order.number }]);
  });

  it('gives reserved stock back when an order is cancelled before it ships', async () => {
    const before = await stockOf(o.t, o.shop.storeId, o.mug.variantId);
    const order = await placeOrder(3);
    expect((await stockOf(o.t, o.shop.storeId, o.mug.variantId)).available).toBe(before.available - 3);
    await walk(order.id, 'confirmed', 'cancelled');
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before);
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
  });

  it('sells the stock on the first move into fulfilment, once, and takes a return back through the ledger', async () => {
    const before = await stockOf(o.t, o.shop.storeId, o.mug.variantId);
    const order = await placeOrder(2);
    await walk(order.id, 'confirmed', 'processing', 'out_for_delivery', 'shipped', 'out_for_delivery');
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved, available: before.available - 2 });
    await walk(order.id, 'returned');
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before);
    const ledger = (await ledgerOf(o.t, o.shop.storeId, o.mug.variantId)).filter((m) => m.reference === `order:${order.id}`);
    expect(ledger.map((m) => [m.kind, m.quantity])).toEqual([['sale', -2], ['return', 2]]);
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
    // Shipped goods can no longer be cancelled.
    expect((await move(order.id, 'cancelled')).statusCode).toBe(409);
  });

  it('replays a status change sent again with the same Idempotency-Key', async () => {
    const order = await placeOrder(1);
    const key = { 'idempotency-key': `status-${order.id}` };
    const first = await move(order.id, 'confirmed', undefined, key);
    const again = await move(order.id, 'confirmed', undefined, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await staff(o.t, o.shop.storeId, 'GET', `/orders/${order.id}`)).json().history).toHaveLength(2);
  });

  it('answers 404 for an unknown order', async () => {
    expect((await move('0190a000-0000-7000-8000-000000000000', 'confirmed')).statusCode).toBe(404);
  });
});
