import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, makeShop, newCart, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let mug: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'cart-replays');
  mug = (await addProduct(t, shop.storeId, 'Mug', 1000)).variantId;
});
afterAll(() => t.close());

const add = (cart: { id: string; token: string }, key: string, quantity = 2) =>
  store(t, shop, 'POST', `/carts/${cart.id}/lines`, { token: cart.token, payload: { variantId: mug, quantity }, headers: { 'idempotency-key': key } });

describe('Idempotency-Key on cart changes', () => {
  it('replays a repeated add-line instead of adding again', async () => {
    const cart = await newCart(t, shop);
    const first = await add(cart, 'add-mug-1');
    const again = await add(cart, 'add-mug-1');
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    const read = await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token });
    expect(read.json().lines.map((l: { quantity: number }) => l.quantity)).toEqual([2]);
    // Concurrent repeats: still one addition.
    const many = await Promise.all(Array.from({ length: 5 }, () => add(cart, 'add-mug-2')));
    expect(many.every((r) => [200, 409].includes(r.statusCode))).toBe(true);
    expect((await store(t, shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().lines[0].quantity).toBe(4);
  });

  it('refuses the same key for a different body, and keeps keys per cart', async () => {
    const cart = await newCart(t, shop);
    await add(cart, 'k');
    const reused = await add(cart, 'k', 3);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherCart = await newCart(t, shop);
    const elsewhere = await add(otherCart, 'k');
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
    expect(elsewhere.json().id).toBe(otherCart.id);
  });

  it('refuses a key without a cart token (there is no client to keep it for)', async () => {
    const cart = await newCart(t, shop);
    const res = await store(t, shop, 'POST', `/carts/${cart.id}/lines`, { payload: { variantId: mug, quantity: 1 }, headers: { 'idempotency-key': 'x' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_CLIENT_REQUIRED');
  });
});
