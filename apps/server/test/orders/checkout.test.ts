import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { paths } from '../carts/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { ADDRESS, addLine, checkout, confirmationMailsOf, countRows, eur, ledgerDifferences, ledgerOf, newCart, orderShop, readyCart, setUp, stockOf, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let post: string;
let cod: string;
let mug: { productId: string; variantId: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ shop, post, cod, mug } = await orderShop(t, 'orders-checkout', 10));
});
afterAll(() => t.close());

const events = (type: 'order.created') => inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => listDomainEvents(tx, shop.storeId, { type, limit: 1000 }));

describe('checkout', () => {
  it('places an order priced as the cart, reserves its stock, converts the cart and queues the confirmation mail and the event', async () => {
    const cart = await readyCart(t, shop, mug.variantId, 2, post);
    const before = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json();
    const res = await checkout(t, shop, cart);
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
      shippingMethod: { id: post, name: 'Post', kind: 'flat_rate' },
      grandTotal: before.totals.grandTotal,
      subtotal: before.totals.subtotal,
      taxTotal: before.totals.taxTotal,
      shippingTotal: eur(495),
      history: [{ from: null, to: 'pending', actor: 'guest' }],
    });
    expect(order.totals).toEqual(before.totals);
    expect(order.lines).toMatchObject([{ variantId: mug.variantId, name: 'Mug', quantity: 2, unitPrice: eur(1210), total: eur(2420), taxRatePpm: 210_000 }]);
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
    // The cart is spent: it no longer opens.
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).statusCode).toBe(404);
    expect(await confirmationMailsOf(t, shop.storeId, order.number)).toHaveLength(1);
    expect((await events('order.created')).filter((e) => e.subjectId === order.id)).toHaveLength(1);
  });

  it('takes cash on delivery only with a cash-on-delivery shipping method, and charges its fee', async () => {
    const refused = await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post), 'cash_on_delivery');
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['body.paymentMethod']);
    const placed = await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, cod), 'cash_on_delivery');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ paymentMethod: 'cash_on_delivery', shippingTotal: eur(800) });
  });

  it('refuses an incomplete cart with 422 naming each field, and writes nothing', async () => {
    const before = { orders: await countRows(t, 'orders', shop.storeId), stock: await stockOf(t, shop.storeId, mug.variantId) };
    const empty = await newCart(t, shop);
    const res = await checkout(t, shop, empty);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHECKOUT_INCOMPLETE');
    expect(paths(res)).toEqual(['cart.lines', 'cart.email', 'cart.shippingAddress', 'cart.shippingMethodId']);
    const noAddress = await newCart(t, shop);
    await addLine(t, shop, noAddress, mug.variantId, 1);
    await store(t, shop, 'PUT', `/carts/${noAddress.id}/email`, { token: noAddress.token, payload: { email: 'a@b.test' } });
    expect(paths(await checkout(t, shop, noAddress))).toEqual(['cart.shippingAddress', 'cart.shippingMethodId']);
    const badBody = await store(t, shop, 'POST', `/carts/${noAddress.id}/checkout`, { token: noAddress.token, payload: { paymentMethod: 'card', total: 1 } });
    expect(badBody.statusCode).toBe(422);
    expect(badBody.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(t, 'orders', shop.storeId)).toBe(before.orders);
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual(before.stock);
  });

  it('refuses more than is in stock with 409 naming the variant, holding nothing', async () => {
    const before = await stockOf(t, shop.storeId, mug.variantId);
    const cart = await readyCart(t, shop, mug.variantId, before.available + 1, post);
    const res = await checkout(t, shop, cart);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHECKOUT_STOCK_CONFLICT');
    expect(res.json().errors[0].message).toContain(mug.variantId);
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual(before);
    // The cart is untouched and can be fixed.
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().status).toBe('active');
  });

  it('refuses a sold-out line at once, without waiting for a stock row another transaction holds', async () => {
    const before = await stockOf(t, shop.storeId, mug.variantId);
    const cart = await readyCart(t, shop, mug.variantId, before.available + 1, post);
    const holder = await t.database.pool.connect();
    try {
      // Another transaction holds the stock row (as a checkout between its hold and its commit does).
      await holder.query('begin');
      await holder.query("select set_config('app.platform', 'on', true)");
      await holder.query('select 1 from stock_levels where variant_id = $1 for update', [mug.variantId]);
      const started = performance.now();
      const res = await checkout(t, shop, cart);
      expect(res.statusCode).toBe(409);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await holder.query('rollback');
      holder.release();
    }
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual(before);
  });

  it('refuses a code whose last use was taken meanwhile with 422 naming it, and rolls the stock back', async () => {
    await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Once', code: 'ONCE', kind: 'percentage', ratePpm: 100_000, usageLimit: 1 });
    const [first, second] = [await readyCart(t, shop, mug.variantId, 1, post), await readyCart(t, shop, mug.variantId, 1, post)];
    for (const cart of [first, second]) expect((await store(t, shop, 'POST', `/carts/${cart.id}/discount-codes`, { token: cart.token, payload: { code: 'ONCE' } })).statusCode).toBe(200);
    const placed = await checkout(t, shop, first);
    expect(placed.statusCode).toBe(201);
    expect(placed.json().discountTotal).toEqual(eur(121));
    const before = await stockOf(t, shop.storeId, mug.variantId);
    const refused = await checkout(t, shop, second);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CHECKOUT_DISCOUNT_REJECTED');
    expect(paths(refused)).toEqual(['cart.discountCodes.ONCE']);
    expect(await stockOf(t, shop.storeId, mug.variantId)).toEqual(before);
  });

  it("refuses another cart's token: the cart is not found", async () => {
    const [mine, theirs] = [await readyCart(t, shop, mug.variantId, 1, post), await newCart(t, shop)];
    const res = await checkout(t, shop, { id: mine.id, token: theirs.token });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CART_NOT_FOUND');
    expect((await checkout(t, shop, { id: mine.id, token: '' })).statusCode).toBe(404);
  });

  it('replays an idempotent checkout with the same order, and lets concurrent ones with one key place one order', async () => {
    const cart = await readyCart(t, shop, mug.variantId, 1, post);
    const key = { 'idempotency-key': 'checkout-1' };
    const first = await checkout(t, shop, cart, 'manual', key);
    const again = await checkout(t, shop, cart, 'manual', key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);

    const racing = await readyCart(t, shop, mug.variantId, 1, post);
    const before = await countRows(t, 'orders', shop.storeId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkout(t, shop, racing, 'manual', { 'idempotency-key': 'checkout-race' })));
    const placed = answers.filter((a) => a.statusCode === 201);
    expect(new Set(placed.map((a) => a.json().id)).size).toBe(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(await countRows(t, 'orders', shop.storeId)).toBe(before + 1);
  });

  it('numbers orders 1, 2, 3 … per store, independently of other stores', async () => {
    const other = await orderShop(t, 'orders-numbers', 5);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await checkout(t, other.shop, await readyCart(t, other.shop, other.mug.variantId, 1, other.post))).json().number);
    expect(numbers).toEqual([1, 2, 3]);
    const mine = await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post));
    expect(mine.json().number).toBeGreaterThan(3);
  });

  it('keeps the stock ledger equal to the figures after all of the above', async () => {
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
    expect((await ledgerOf(t, shop.storeId, mug.variantId)).map((m) => m.kind)).toEqual(['receive']);
  });
});
