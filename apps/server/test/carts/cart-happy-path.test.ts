import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireCartsOfAllStores } from '../../src/modules/carts/cart-expiry.service.ts';
import { touchCart } from '../../src/modules/carts/cart.repository.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addLine, addProduct, eur, makeShop, newCart, setUp, store, type CartBody, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let mug: { productId: string; variantId: string };
let book: { productId: string; variantId: string };
let postId: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'cart-happy');
  // A Dutch shop: prices include tax, 21 % standard, 9 % reduced, shipping taxed as standard (the default).
  await setUp(t, shop.storeId, 'POST', '/tax-rates', { taxClass: 'standard', ratePpm: 210_000 });
  await setUp(t, shop.storeId, 'POST', '/tax-rates', { taxClass: 'reduced', ratePpm: 90_000 });
  mug = await addProduct(t, shop.storeId, 'Mug', 1210);
  book = await addProduct(t, shop.storeId, 'Book', 2000, { taxClass: 'reduced' });
  postId = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Post', kind: 'flat_rate', price: eur(495), position: 2 })).id;
  await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Pick up', kind: 'local_pickup', position: 1 });
  await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Hidden', kind: 'local_pickup', active: false });
  await setUp(t, shop.storeId, 'POST', '/discounts', { name: '10 % off', code: 'TEN', kind: 'percentage', ratePpm: 100_000 });
});
afterAll(() => t.close());

describe('a cart from first item to totals', () => {
  it('lists the active shipping methods in the merchant’s order', async () => {
    const res = await store(t, shop, 'GET', '/shipping-methods');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((m: { name: string }) => m.name)).toEqual(['Pick up', 'Post']);
  });

  it('prices two items, a 10 % code and flat-rate shipping in a tax-inclusive store to the cent', async () => {
    const created = await store(t, shop, 'POST', '/carts', { payload: {} });
    expect(created.statusCode).toBe(201);
    const { token, cart: empty } = created.json() as { token: string; cart: CartBody };
    expect(token).toMatch(/^ct_/);
    expect(empty).toMatchObject({ status: 'active', currency: 'EUR', lines: [], totals: { grandTotal: eur(0) } });
    const cart = { id: empty.id, token };

    await addLine(t, shop, cart, mug.variantId, 1);
    const twoMugs = await addLine(t, shop, cart, mug.variantId, 1);
    expect(twoMugs.lines).toHaveLength(1);
    expect(twoMugs.lines[0]).toMatchObject({ productName: 'Mug', quantity: 2, unitPrice: eur(1210), available: true });
    const withBook = await addLine(t, shop, cart, book.variantId, 1);
    expect(withBook.lines.map((l) => l.variantId)).toEqual([mug.variantId, book.variantId]);

    const call = (method: 'PUT' | 'POST', path: string, payload: Record<string, unknown>) => store(t, shop, method, `/carts/${cart.id}${path}`, { token, payload });
    expect((await call('PUT', '/email', { email: 'Kim@Example.test' })).json().email).toBe('kim@example.test');
    const address = { name: 'Kim Buyer', line1: 'Main St 1', city: 'Utrecht', postalCode: '3511 AA', country: 'NL' };
    expect((await call('PUT', '/shipping-address', address)).json().shippingAddress).toEqual({ ...address, line2: null, region: null, phone: null });
    expect((await call('PUT', '/shipping-method', { shippingMethodId: postId })).json().shippingMethod).toMatchObject({ id: postId, name: 'Post', kind: 'flat_rate' });
    const applied = await call('POST', '/discount-codes', { code: 'ten' });
    expect(applied.statusCode).toBe(200);
    const body = applied.json() as CartBody;
    expect(body.discountCodes).toEqual(['TEN']);

    // By hand: mugs 2 × 12.10 = 24.20, book 20.00; 10 % off → 21.78 and 18.00.
    // Tax included: 2178 × 21/121 = 378.00 → 3.78; 1800 × 9/109 = 148.62 → 1.49; shipping 495 × 21/121 = 85.91 → 0.86.
    expect(body.totals).toMatchObject({
      currency: 'EUR',
      pricesIncludeTax: true,
      subtotal: eur(4420),
      discountTotal: eur(442),
      shippingTotal: eur(495),
      taxTotal: eur(613),
      grandTotal: eur(4473),
      shipping: { methodId: postId, price: eur(495), tax: eur(86), total: eur(495) },
      taxBreakdown: [
        { taxRatePpm: 210_000, taxClasses: ['standard'], taxableAmount: eur(2209), tax: eur(464) },
        { taxRatePpm: 90_000, taxClasses: ['reduced'], taxableAmount: eur(1651), tax: eur(149) },
      ],
      appliedDiscounts: [{ code: 'TEN', kind: 'percentage', amount: eur(442) }],
      discountsNotApplied: [],
    });
    expect(body.lines.map((l) => l.totals)).toMatchObject([
      { subtotal: eur(2420), discount: eur(242), tax: eur(378), total: eur(2178) },
      { subtotal: eur(2000), discount: eur(200), tax: eur(149), total: eur(1800) },
    ]);

    // Reading the cart again prices it again, the same way.
    const read = await store(t, shop, 'GET', `/carts/${cart.id}`, { token });
    expect(read.statusCode).toBe(200);
    expect(read.json().totals).toEqual(body.totals);

    // A price change in the catalog shows at once: the cart keeps no prices of its own.
    const product = await setUp<{ variants: Array<{ id: string }> }>(t, shop.storeId, 'GET', `/catalog/products/${book.productId}`);
    await setUp(t, shop.storeId, 'PATCH', `/catalog/products/${book.productId}/variants/${product.variants[0]!.id}`, { price: eur(3000) });
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token })).json().totals.subtotal).toEqual(eur(5420));
  });

  it("sets a checkout form's email, address and shipping method in one change, and leaves what it does not send", async () => {
    const cart = await newCart(t, shop);
    await addLine(t, shop, cart, mug.variantId, 1);
    const address = { name: 'Kim Buyer', line1: 'Main St 1', city: 'Utrecht', postalCode: '3511 AA', country: 'NL', phone: '+31 6 1234 5678' };
    const all = await store(t, shop, 'PATCH', `/carts/${cart.id}`, { token: cart.token, payload: { email: 'Kim@Example.test', shippingAddress: address, shippingMethodId: postId } });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ email: 'kim@example.test', shippingAddress: { ...address, line2: null, region: null }, shippingMethod: { id: postId }, totals: { shippingTotal: eur(495), grandTotal: eur(1705) } });
    const some = (await store(t, shop, 'PATCH', `/carts/${cart.id}`, { token: cart.token, payload: { email: 'kim@elsewhere.test', shippingMethodId: null } })).json() as CartBody & { email: string; shippingAddress: unknown; shippingMethod: unknown };
    expect(some.email).toBe('kim@elsewhere.test');
    expect(some.shippingAddress).toMatchObject({ name: 'Kim Buyer' });
    expect(some.shippingMethod).toBeNull();
    const wrongToken = await store(t, shop, 'PATCH', `/carts/${cart.id}`, { token: 'ct_wrong', payload: { email: 'x@y.test' } });
    expect(wrongToken.statusCode).toBe(404);
  });

  it('changes and removes lines, and takes a code off again', async () => {
    const cart = await newCart(t, shop);
    const added = await addLine(t, shop, cart, mug.variantId, 3);
    const lineId = added.lines[0]!.id;
    const changed = await store(t, shop, 'PATCH', `/carts/${cart.id}/lines/${lineId}`, { token: cart.token, payload: { quantity: 5 } });
    expect(changed.json().lines[0].quantity).toBe(5);
    await store(t, shop, 'POST', `/carts/${cart.id}/discount-codes`, { token: cart.token, payload: { code: 'TEN' } });
    const withoutCode = await store(t, shop, 'DELETE', `/carts/${cart.id}/discount-codes/ten`, { token: cart.token });
    expect(withoutCode.json()).toMatchObject({ discountCodes: [], totals: { discountTotal: eur(0), grandTotal: eur(6050) } });
    const removed = await store(t, shop, 'DELETE', `/carts/${cart.id}/lines/${lineId}`, { token: cart.token });
    expect(removed.json()).toMatchObject({ lines: [], totals: { grandTotal: eur(0) } });
    expect((await store(t, shop, 'DELETE', `/carts/${cart.id}/lines/${lineId}`, { token: cart.token })).statusCode).toBe(404);
  });

  it('shows a line whose product went off sale as unavailable and leaves it out of the totals', async () => {
    const gone = await addProduct(t, shop.storeId, 'Vase', 5000);
    const cart = await newCart(t, shop);
    await addLine(t, shop, cart, mug.variantId, 1);
    await addLine(t, shop, cart, gone.variantId, 1);
    await setUp(t, shop.storeId, 'POST', `/catalog/products/${gone.productId}/archive`, {});
    const read = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json() as CartBody;
    expect(read.lines.map((l) => l.available)).toEqual([true, false]);
    expect(read.totals.subtotal).toEqual(eur(1210));
  });

  it('lets carts expire: a cart past its time answers 404, and the job marks it abandoned', async () => {
    const cart = await newCart(t, shop);
    await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute(sql`update carts set expires_at = now() - interval '1 minute' where id = ${cart.id}`));
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).statusCode).toBe(404);
    const outcome = await expireCartsOfAllStores(t.database.db, systemCtx(t.log, 'test'));
    expect(outcome.abandoned).toBeGreaterThanOrEqual(1);
    const status = await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute<{ status: string }>(sql`select status from carts where id = ${cart.id}`));
    expect(status.rows[0]!.status).toBe('abandoned');
    // Long after expiry it is deleted with its lines.
    await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute(sql`update carts set expires_at = now() - interval '31 days' where id = ${cart.id}`));
    await expireCartsOfAllStores(t.database.db, systemCtx(t.log, 'test'));
    const left = await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute(sql`select 1 from carts where id = ${cart.id}`));
    expect(left.rows).toEqual([]);
  });

  it('starts each change a new lifetime: expiresAt moves forward', async () => {
    const cart = await newCart(t, shop);
    await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute(sql`update carts set expires_at = now() + interval '1 day' where id = ${cart.id}`));
    const after = await addLine(t, shop, cart, mug.variantId, 1);
    expect(new Date(after.expiresAt as string).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it('keeps the expiry of a cart changed within the hour of its last restart, so that the change is a HOT update', async () => {
    const cart = await newCart(t, shop);
    const expiryOf = async () => (await t.database.pool.query<{ e: Date }>('select expires_at as e from carts where id = $1', [cart.id])).rows[0]!.e.getTime();
    const created = await expiryOf();
    const first = await addLine(t, shop, cart, mug.variantId, 1);
    const second = await addLine(t, shop, cart, book.variantId, 1);
    expect([new Date(first.expiresAt as string).getTime(), new Date(second.expiresAt as string).getTime(), await expiryOf()]).toEqual([created, created, created]);

    // This connection's HOT updates to carts not yet reported, before and after the touch (nothing is reported inside a transaction).
    const hotUpdatesOfTouch = () =>
      inTransaction(t.database.db, { tenantId: shop.storeId }, async (tx) => {
        const hot = async () => (await tx.execute<{ n: number }>(sql`select pg_stat_get_xact_tuples_hot_updated('carts'::regclass)::int as n`)).rows[0]!.n;
        const before = await hot();
        await touchCart(tx, shop.storeId, cart.id, { email: 'hot@example.nl' }, 30);
        return (await hot()) - before;
      });
    expect(await hotUpdatesOfTouch()).toBe(1);
    expect(await expiryOf()).toBe(created);

    // Two hours into a shorter lifetime, a change restarts it (a new expires_at: not HOT).
    await t.database.pool.query(`update carts set expires_at = now() + interval '30 days' - interval '2 hours' where id = $1`, [cart.id]);
    expect(await hotUpdatesOfTouch()).toBe(0);
    expect(await expiryOf()).toBeGreaterThan(Date.now() + 30 * 24 * 3600_000 - 60_000);
  });
});
