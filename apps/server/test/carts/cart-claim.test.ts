import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { verifiedCustomer } from '../customers/customer-fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addLine, addProduct, makeShop, newCart, store, type CartBody, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let mug: string;
let book: string;
let kim: string;
let sam: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { CART_MAX_LINE_QUANTITY: '99' } });
  shop = await makeShop(t, 'cart-claims');
  mug = (await addProduct(t, shop.storeId, 'Mug', 1000)).variantId;
  book = (await addProduct(t, shop.storeId, 'Book', 2000)).variantId;
  kim = (await verifiedCustomer(t, shop, 'kim@claims.test')).accessToken;
  sam = (await verifiedCustomer(t, shop, 'sam@claims.test', 'Sam')).accessToken;
});
afterAll(() => t.close());

const claim = (cart: { id: string; token: string }, accessToken?: string) =>
  store(t, shop, 'POST', `/carts/${cart.id}/claim`, { token: cart.token, payload: {}, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });

const statusOf = async (id: string) =>
  (await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute<{ status: string }>(sql`select status from carts where id = ${id}`))).rows[0]!.status;

describe('claiming a guest cart', () => {
  let kimsCart: { id: string; token: string };

  it('needs a signed-in customer', async () => {
    const guest = await newCart(t, shop);
    expect((await claim(guest)).statusCode).toBe(401);
  });

  it('makes the guest cart the customer’s when they have none, under a new token', async () => {
    const guest = await newCart(t, shop);
    await addLine(t, shop, guest, mug, 10);
    const res = await claim(guest, kim);
    expect(res.statusCode).toBe(200);
    const { token, cart } = res.json() as { token: string; cart: CartBody };
    expect(cart.id).toBe(guest.id);
    expect(cart.customerId).toEqual(expect.any(String));
    expect(token).not.toBe(guest.token);
    // The token known before signing in stops working; the new one works.
    expect((await store(t, shop, 'GET', `/carts/${guest.id}`, { token: guest.token })).statusCode).toBe(404);
    expect((await store(t, shop, 'GET', `/carts/${guest.id}`, { token })).statusCode).toBe(200);
    kimsCart = { id: guest.id, token };
  });

  it('merges another guest cart into the customer’s active cart: quantities add up, capped', async () => {
    const guest = await newCart(t, shop);
    await addLine(t, shop, guest, mug, 95);
    await addLine(t, shop, guest, book, 1);
    await store(t, shop, 'PUT', `/carts/${guest.id}/email`, { token: guest.token, payload: { email: 'kim@claims.test' } });
    const res = await claim(guest, kim);
    expect(res.statusCode).toBe(200);
    const { token, cart } = res.json() as { token: string; cart: CartBody };
    expect(cart.id).toBe(kimsCart.id);
    expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [mug, 99],
      [book, 1],
    ]);
    expect(cart.email).toBe('kim@claims.test');
    expect(await statusOf(guest.id)).toBe('merged');
    expect((await store(t, shop, 'GET', `/carts/${guest.id}`, { token: guest.token })).statusCode).toBe(404);
    expect((await store(t, shop, 'GET', `/carts/${kimsCart.id}`, { token })).json().lines).toHaveLength(2);
    kimsCart = { id: kimsCart.id, token };
  });

  it("does not let one customer claim another's cart", async () => {
    const res = await claim(kimsCart, sam);
    expect(res.statusCode).toBe(404);
    expect((await store(t, shop, 'GET', `/carts/${kimsCart.id}`, { token: kimsCart.token })).statusCode).toBe(200);
  });
});
