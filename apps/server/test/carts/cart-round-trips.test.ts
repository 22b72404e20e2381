import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { recordSessions } from '../socket-writes.ts';
import { makeShop, newCart, store, type Shop } from './fixtures.ts';

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
