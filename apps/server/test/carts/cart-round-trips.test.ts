import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { recordSessions } from '../socket-writes.ts';
import { addLine, addProduct, eur, makeShop, newCart, setUp, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'cart-round-trips');
});
afterAll(() => t.close());

describe('a new cart', () => {
  it('costs one round trip: begin, the statement that makes and prices it, and the commit leave in one write', async () => {
    await newCart(t, shop); // the statement is prepared on the connection once; the next cart sends only its values
    const recorded = recordSessions(t.database.pool);
    let cart: { id: string; token: string };
    try {
      cart = await newCart(t, shop);
    } finally {
      recorded.stop();
    }
    const made = recorded.sessions.filter((s) => s.text.includes(cart.id));
    expect(made).toHaveLength(1);
    expect(made[0]!.writes).toBe(1);
    expect(made[0]!.text).toMatch(/^Q.*begin;/s);
    expect(made[0]!.text).toMatch(/commit\u0000$/);

    const read = await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: cart.id, lines: [], totals: { grandTotal: { amount: 0, currency: 'EUR' } } });
  });
});

describe("a change to the cart's own fields", () => {
  it('costs two round trips: begin with the locked cart and all pricing reads, then the update with the commit', async () => {
    const { variantId } = await addProduct(t, shop.storeId, 'Round-trip mug', 1200);
    const post = await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Post', kind: 'flat_rate', price: eur(495) });
    const cart = await newCart(t, shop);
    await addLine(t, shop, cart, variantId, 2);
    const change = (path: string, payload: Record<string, unknown>) => store(t, shop, 'PUT', `/carts/${cart.id}${path}`, { token: cart.token, payload });
    expect((await change('/email', { email: 'warm@example.test' })).statusCode).toBe(200); // prepares the statements on the connection

    const recorded = recordSessions(t.database.pool);
    let chosen;
    try {
      chosen = await change('/shipping-method', { shippingMethodId: post.id });
    } finally {
      recorded.stop();
    }
    expect(chosen.statusCode, chosen.body).toBe(200);
    // The answer is the cart as written: priced with the method it chose, with the times of its update.
    const body = chosen.json() as { shippingMethod: { id: string }; totals: { shippingTotal: { amount: number }; grandTotal: { amount: number } }; updatedAt: string };
    expect(body.shippingMethod.id).toBe(post.id);
    expect(body.totals.shippingTotal.amount).toBe(495);
    const [session] = recorded.sessions.filter((s) => s.text.includes(cart.id));
    expect(recorded.sessions.filter((s) => s.text.includes(cart.id))).toHaveLength(1);
    expect(session!.writes).toBe(2);
    expect(session!.text).toMatch(/commit\u0000$/);
    const read = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json() as typeof body;
    expect(read).toMatchObject({ shippingMethod: { id: post.id }, totals: { grandTotal: { amount: body.totals.grandTotal.amount } }, updatedAt: body.updatedAt });
  });

  it('writes nothing when the change is refused', async () => {
    const hidden = await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Hidden', kind: 'local_pickup', active: false });
    const cart = await newCart(t, shop);
    const before = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json() as { updatedAt: string };
    const refused = await store(t, shop, 'PATCH', `/carts/${cart.id}`, { token: cart.token, payload: { email: 'late@example.test', shippingMethodId: hidden.id } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'CART_SHIPPING_METHOD_INVALID' });
    const after = (await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json() as { email: string | null; updatedAt: string };
    expect(after).toMatchObject({ email: null, updatedAt: before.updatedAt });
  });
});

describe("changing a cart's lines", () => {
  it('costs two round trips, for a new line and for more of a line the cart holds', async () => {
    const { variantId } = await addProduct(t, shop.storeId, 'Round-trip jug', 2500);
    const cart = await newCart(t, shop);
    await addLine(t, shop, cart, variantId, 1); // prepares the statements on the connection
    const other = await newCart(t, shop);
    const recorded = recordSessions(t.database.pool);
    let added: Awaited<ReturnType<typeof addLine>>;
    let more: Awaited<ReturnType<typeof addLine>>;
    try {
      added = await addLine(t, shop, other, variantId, 2);
      more = await addLine(t, shop, cart, variantId, 3);
    } finally {
      recorded.stop();
    }
    for (const id of [other.id, cart.id]) {
      const sessions = recorded.sessions.filter((s) => s.text.includes(id));
      expect(sessions).toHaveLength(1);
      expect(sessions[0]!.writes).toBe(2);
    }
    // The answers are the carts as written.
    expect(added.lines).toEqual([expect.objectContaining({ variantId, quantity: 2 })]);
    expect(more.lines).toEqual([expect.objectContaining({ variantId, quantity: 4 })]);
    expect(more.totals.grandTotal.amount).toBe(10000);
    for (const [c, body] of [[other, added], [cart, more]] as const) {
      const read = await store(t, shop, 'GET', `/carts/${c.id}`, { token: c.token });
      expect(read.json()).toEqual(body);
    }
  });

  it('costs two round trips to change a line and to remove one, each answering the cart as written', async () => {
    const mug = await addProduct(t, shop.storeId, 'Round-trip cup', 800);
    const jar = await addProduct(t, shop.storeId, 'Round-trip jar', 300);
    const cart = await newCart(t, shop);
    await addLine(t, shop, cart, mug.variantId, 1);
    const [line] = (await addLine(t, shop, cart, jar.variantId, 1)).lines.filter((l) => l.variantId === jar.variantId);
    const call = (method: 'PATCH' | 'DELETE', payload?: Record<string, unknown>) =>
      store(t, shop, method, `/carts/${cart.id}/lines/${line!.id}`, { token: cart.token, ...(payload ? { payload } : {}) });
    const recorded = recordSessions(t.database.pool);
    let changed;
    let removed;
    try {
      changed = await call('PATCH', { quantity: 5 });
      removed = await call('DELETE');
    } finally {
      recorded.stop();
    }
    expect(changed.statusCode, changed.body).toBe(200);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((changed.json() as { totals: { subtotal: { amount: number } } }).totals.subtotal.amount).toBe(800 + 5 * 300);
    expect((removed.json() as { lines: unknown[] }).lines).toEqual([expect.objectContaining({ variantId: mug.variantId, quantity: 1 })]);
    const sessions = recorded.sessions.filter((s) => s.text.includes(cart.id));
    expect(sessions.map((s) => s.writes)).toEqual([2, 2]);
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json()).toEqual(removed.json());
    // A line the cart does not hold: 404, and nothing written.
    const gone = await call('PATCH', { quantity: 2 });
    expect(gone.statusCode).toBe(404);
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json()).toEqual(removed.json());
  });
});
