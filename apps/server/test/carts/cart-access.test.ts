import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addLine, addProduct, makeShop, newCart, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shopA: Shop;
let shopB: Shop;
let mug: string;
let mine: { id: string; token: string };
let theirs: { id: string; token: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shopA = await makeShop(t, 'cart-access-a');
  shopB = await makeShop(t, 'cart-access-b');
  mug = (await addProduct(t, shopA.storeId, 'Mug', 1000)).variantId;
  mine = await newCart(t, shopA);
  theirs = await newCart(t, shopA);
  await addLine(t, shopA, mine, mug, 1);
});
afterAll(() => t.close());

const quantities = async () => (await store(t, shopA, 'GET', `/carts/${mine.id}`, { token: mine.token })).json().lines.map((l: { quantity: number }) => l.quantity);

describe('who can reach a cart', () => {
  it('answers 404, the same as for no cart at all, without the token or with another cart’s token', async () => {
    const missing = await store(t, shopA, 'GET', '/carts/0190b4c2-0000-7000-8000-000000000000', { token: mine.token });
    expect(missing.statusCode).toBe(404);
    for (const token of [undefined, theirs.token, `${mine.token}x`]) {
      const res = await store(t, shopA, 'GET', `/carts/${mine.id}`, { token });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'CART_NOT_FOUND', detail: missing.json().detail });
    }
  });

  it('refuses changes with another cart’s token and changes nothing', async () => {
    const lineId = (await store(t, shopA, 'GET', `/carts/${mine.id}`, { token: mine.token })).json().lines[0].id;
    const attempts = [
      store(t, shopA, 'POST', `/carts/${mine.id}/lines`, { token: theirs.token, payload: { variantId: mug, quantity: 3 } }),
      store(t, shopA, 'PATCH', `/carts/${mine.id}/lines/${lineId}`, { token: theirs.token, payload: { quantity: 7 } }),
      store(t, shopA, 'DELETE', `/carts/${mine.id}/lines/${lineId}`, { token: theirs.token }),
      store(t, shopA, 'PUT', `/carts/${mine.id}/email`, { token: theirs.token, payload: { email: 'mallory@evil.test' } }),
      store(t, shopA, 'PATCH', `/carts/${mine.id}`, { token: theirs.token, payload: { email: 'mallory@evil.test' } }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(404);
    expect(await quantities()).toEqual([1]);
    expect((await store(t, shopA, 'GET', `/carts/${mine.id}`, { token: mine.token })).json().email).not.toBe('mallory@evil.test');
    // Nor can the other cart's own line ids be reached through this cart.
    expect((await store(t, shopA, 'DELETE', `/carts/${theirs.id}/lines/${lineId}`, { token: theirs.token })).statusCode).toBe(404);
    expect(await quantities()).toEqual([1]);
  });

  it("does not open store A's cart through store B, even with the right token", async () => {
    const res = await store(t, shopB, 'GET', `/carts/${mine.id}`, { token: mine.token });
    expect(res.statusCode).toBe(404);
    expect((await store(t, shopB, 'POST', `/carts/${mine.id}/lines`, { token: mine.token, payload: { variantId: mug, quantity: 1 } })).statusCode).toBe(404);
    expect((await store(t, shopB, 'PATCH', `/carts/${mine.id}`, { token: mine.token, payload: { email: 'mallory@evil.test' } })).statusCode).toBe(404);
    expect(await quantities()).toEqual([1]);
  });

  it('needs a publishable key or a mapped host name', async () => {
    const res = await store(t, shopA, 'GET', `/carts/${mine.id}`, { token: mine.token, key: 'pk_unknown' });
    expect(res.statusCode).toBe(401);
  });

  it('keeps only the hash of the token', async () => {
    const { rows } = await t.database.pool.query('select token_hash from carts where id = $1', [mine.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(mine.token);
  });
});
