import { describe, expect, it } from 'vitest';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { paths } from '../carts/fixtures.ts';
import { ADDRESS, addLine, checkout, confirmationMailsOf, countRows, eur, ledgerDifferences, ledgerOf, newCart, orderShop, readyCart, setUp, stockOf, store, useOrderShop } from './fixtures.ts';

const o = useOrderShop('orders-checkout', 10);

const events = (type: 'order.created') => inTransaction(o.t.database.db, { tenantId: o.shop.storeId }, (tx) => listDomainEvents(tx, o.shop.storeId, { type, limit: 1000 }));

describe('checkout', () => {
  it('places an order priced as the cart, reserves its stock, converts the cart and queues the confirmation mail and the event', async () => {
    const cart = await readyCart(o.t, o.shop, o.mug.variantId, 2, o.post);
    const before = (await store(o.t, o.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json();
    const res = await checkout(o.t, o.shop, cart);
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({
      number: 1,
      status: 'pending',
      paymentMethod: 'manual',
      paymentStatus: 'unpaid',
      email: 'kim@example.test',
      customerName: 'Kim Buyer',
      phone: ADDRESS.phone,
      shippingMethod: { id: o.post, name: 'Post', kind: 'flat_rate' },
      grandTotal: before.totals.grandTotal,
      subtotal: before.totals.subtotal,
      taxTotal: before.totals.taxTotal,
      shippingTotal: eur(495),
      history: [{ from: null, to: 'pending', actor: 'guest' }],
    });
    expect(order.totals).toEqual(before.totals);
    expect(order.lines).toMatchObject([{ variantId: o.mug.variantId, name: 'Mug', quantity: 2, unitPrice: eur(1210), total: eur(2420), taxRatePpm: 210_000 }]);
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
    // The cart is spent: it no longer opens.
    expect((await store(o.t, o.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).statusCode).toBe(404);
    expect(await confirmationMailsOf(o.t, o.shop.storeId, order.number)).toHaveLength(1);
    expect((await events('order.created')).filter((e) => e.subjectId === order.id)).toHaveLength(1);
  });

  it('takes cash on delivery only with a cash-on-delivery shipping method, and charges its fee', async () => {
    const refused = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post), 'cash_on_delivery');
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['body.paymentMethod']);
    const placed = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.cod), 'cash_on_delivery');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ paymentMethod: 'cash_on_delivery', shippingTotal: eur(800) });
  });

  it('refuses an incomplete cart with 422 naming each field, and writes nothing', async () => {
    const before = { orders: await countRows(o.t, 'orders', o.shop.storeId), stock: await stockOf(o.t, o.shop.storeId, o.mug.variantId) };
    const empty = await newCart(o.t, o.shop);
    const res = await checkout(o.t, o.shop, empty);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHECKOUT_INCOMPLETE');
    expect(paths(res)).toEqual(['cart.lines', 'cart.email', 'cart.shippingAddress', 'cart.shippingMethodId']);
    const noAddress = await newCart(o.t, o.shop);
    await addLine(o.t, o.shop, noAddress, o.mug.variantId, 1);
    await store(o.t, o.shop, 'PUT', `/carts/${noAddress.id}/email`, { token: noAddress.token, payload: { email: 'a@b.test' } });
    expect(paths(await checkout(o.t, o.shop, noAddress))).toEqual(['cart.shippingAddress', 'cart.shippingMethodId']);
    const badBody = await store(o.t, o.shop, 'POST', `/carts/${noAddress.id}/checkout`, { token: noAddress.token, payload: { paymentMethod: 'card', total: 1 } });
    expect(badBody.statusCode).toBe(422);
    expect(badBody.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(o.t, 'orders', o.shop.storeId)).toBe(before.orders);
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before.stock);
  });

  it('refuses more than is in stock with 409 naming the variant, holding nothing', async () => {
    const before = await stockOf(o.t, o.shop.storeId, o.mug.variantId);
    const cart = await readyCart(o.t, o.shop, o.mug.variantId, before.available + 1, o.post);
    const res = await checkout(o.t, o.shop, cart);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHECKOUT_STOCK_CONFLICT');
    expect(res.json().errors[0].message).toContain(o.mug.variantId);
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before);
    // The cart is untouched and can be fixed.
    expect((await store(o.t, o.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().status).toBe('active');
  });

  it('refuses a sold-out line at once, without waiting for a stock row another transaction holds', async () => {
    const before = await stockOf(o.t, o.shop.storeId, o.mug.variantId);
    const cart = await readyCart(o.t, o.shop, o.mug.variantId, before.available + 1, o.post);
    const holder = await o.t.database.pool.connect();
    try {
      // Another transaction holds the stock row (as a checkout between its hold and its commit does).
      await holder.query('begin');
      await holder.query("select set_config('app.platform', 'on', true)");
      await holder.query('select 1 from stock_levels where variant_id = $1 for update', [o.mug.variantId]);
      const started = performance.now();
      const res = await checkout(o.t, o.shop, cart);
      expect(res.statusCode).toBe(409);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await holder.query('rollback');
      holder.release();
    }
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before);
  });

  it('refuses a code whose last use was taken meanwhile with 422 naming it, and rolls the stock back', async () => {
    await setUp(o.t, o.shop.storeId, 'POST', '/discounts', { name: 'Once', code: 'ONCE', kind: 'percentage', ratePpm: 100_000, usageLimit: 1 });
    const [first, second] = [await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post), await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post)];
    for (const cart of [first, second]) expect((await store(o.t, o.shop, 'POST', `/carts/${cart.id}/discount-codes`, { token: cart.token, payload: { code: 'ONCE' } })).statusCode).toBe(200);
    const placed = await checkout(o.t, o.shop, first);
    expect(placed.statusCode).toBe(201);
    expect(placed.json().discountTotal).toEqual(eur(121));
    const before = await stockOf(o.t, o.shop.storeId, o.mug.variantId);
    const refused = await checkout(o.t, o.shop, second);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CHECKOUT_DISCOUNT_REJECTED');
    expect(paths(refused)).toEqual(['cart.discountCodes.ONCE']);
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toEqual(before);
  });

  it("refuses another cart's token: the cart is not found", async () => {
    const [mine, theirs] = [await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post), await newCart(o.t, o.shop)];
    const res = await checkout(o.t, o.shop, { id: mine.id, token: theirs.token });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CART_NOT_FOUND');
    expect((await checkout(o.t, o.shop, { id: mine.id, token: '' })).statusCode).toBe(404);
  });

  it('replays an idempotent checkout with the same order, and lets concurrent ones with one key place one order', async () => {
    const cart = await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post);
    const key = { 'idempotency-key': 'checkout-1' };
    const first = await checkout(o.t, o.shop, cart, 'manual', key);
    const again = await checkout(o.t, o.shop, cart, 'manual', key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);

    const racing = await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post);
    const before = await countRows(o.t, 'orders', o.shop.storeId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkout(o.t, o.shop, racing, 'manual', { 'idempotency-key': 'checkout-race' })));
    const placed = answers.filter((a) => a.statusCode === 201);
    expect(new Set(placed.map((a) => a.json().id)).size).toBe(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(await countRows(o.t, 'orders', o.shop.storeId)).toBe(before + 1);
  });

  it('numbers orders 1, 2, 3 … per store, independently of other stores', async () => {
    const other = await orderShop(o.t, 'orders-numbers', 5);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await checkout(o.t, other.shop, await readyCart(o.t, other.shop, other.mug.variantId, 1, other.post))).json().number);
    expect(numbers).toEqual([1, 2, 3]);
    const mine = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post));
    expect(mine.json().number).toBeGreaterThan(3);
  });

  it('keeps the stock ledger equal to the figures after all of the above', async () => {
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
    expect((await ledgerOf(o.t, o.shop.storeId, o.mug.variantId)).map((m) => m.kind)).toEqual(['receive']);
  });
});
