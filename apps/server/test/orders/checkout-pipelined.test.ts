import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { recordSessions, type Session } from '../socket-writes.ts';
import { addLine, addProduct, checkout, countRows, ledgerDifferences, newCart, orderShop, readyCart, receive, setUp, stockOf, store, ADDRESS, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let post: string;
let mug: { productId: string; variantId: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ shop, post, mug } = await orderShop(t, 'orders-pipelined', 20));
});
afterAll(() => t.close());

/** The checkout's own transactions among the sessions recorded: those that sent the cart's id (a prepared statement's text is sent only once per connection). */
const placing = (sessions: Session[], cartId: string) => sessions.filter((s) => s.text.includes(cartId));

async function recordedCheckout(cart: { id: string; token: string }) {
  const recorded = recordSessions(t.database.pool);
  try {
    const res = await checkout(t, shop, cart);
    return { res, sessions: placing(recorded.sessions, cart.id) };
  } finally {
    recorded.stop();
  }
}

/** A cart with one line of each variant, ready to check out. */
async function cartOf(lines: Array<[string, number]>) {
  const cart = await newCart(t, shop);
  for (const [variantId, quantity] of lines) await addLine(t, shop, cart, variantId, quantity);
  for (const [path, payload] of [['/email', { email: 'kim@example.test' }], ['/shipping-address', ADDRESS], ['/shipping-method', { shippingMethodId: post }]] as const) {
    await store(t, shop, 'PUT', `/carts/${cart.id}${path}`, { token: cart.token, payload });
  }
  return cart;
}

const stockLowEvents = () => inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => listDomainEvents(tx, shop.storeId, { type: 'stock.low', limit: 100 }));

describe('pipelined checkout', () => {
  it('places a plain order in two round trips: begin with the cart, then the stock holds, the order and the commit together', async () => {
    const { res, sessions } = await recordedCheckout(await readyCart(t, shop, mug.variantId, 1, post));
    expect(res.statusCode, res.body).toBe(201);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.writes).toBe(2);
    expect(sessions[0]!.text).toMatch(/commit\u0000$/); // the last thing sent, with the holds and the order
    expect(await stockOf(t, shop.storeId, mug.variantId)).toMatchObject({ reserved: 1 });
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
  });

  it('refuses a cart whose later line is short with 409 naming that line: the earlier hold is undone and no number is used', async () => {
    const plenty = await addProduct(t, shop.storeId, 'Plate', 900);
    const scarce = await addProduct(t, shop.storeId, 'Bowl', 700);
    await receive(t, shop.storeId, plenty.variantId, 10);
    await receive(t, shop.storeId, scarce.variantId, 1);
    // Held in variant order; ids grow with time, so the plate is held first and the bowl's refusal must undo it.
    expect([plenty, scarce].sort((a, b) => a.variantId.localeCompare(b.variantId))).toEqual([plenty, scarce]);
    const numberBefore = (await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post))).json().number as number;
    const orders = await countRows(t, 'orders', shop.storeId);
    const stock = { plenty: await stockOf(t, shop.storeId, plenty.variantId), scarce: await stockOf(t, shop.storeId, scarce.variantId) };

    const res = await checkout(t, shop, await cartOf([[plenty.variantId, 2], [scarce.variantId, 2]]));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_STOCK_CONFLICT', errors: [{ message: expect.stringContaining(`${scarce.variantId} (`) }] });
    expect(res.json().errors[0].message).toContain('only 1 available');
    expect(await countRows(t, 'orders', shop.storeId)).toBe(orders);
    expect(await stockOf(t, shop.storeId, plenty.variantId)).toEqual(stock.plenty);
    expect(await stockOf(t, shop.storeId, scarce.variantId)).toEqual(stock.scarce);
    const next = await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post));
    expect(next.json().number).toBe(numberBefore + 1);
  });

  it('refuses a variant that has no stock row at all with 409, writing nothing', async () => {
    const unstocked = await addProduct(t, shop.storeId, 'Saucer', 500);
    const orders = await countRows(t, 'orders', shop.storeId);
    const res = await checkout(t, shop, await cartOf([[unstocked.variantId, 1]]));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_STOCK_CONFLICT', errors: [{ message: expect.stringContaining('only 0 available') }] });
    expect(await countRows(t, 'orders', shop.storeId)).toBe(orders);
  });

  it('hands a checkout that crosses the low-stock threshold to the step-by-step way, which raises the alert once', async () => {
    const teapot = await addProduct(t, shop.storeId, 'Teapot', 3500);
    await receive(t, shop.storeId, teapot.variantId, 5);
    await setUp(t, shop.storeId, 'PUT', '/inventory/thresholds', { variantId: teapot.variantId, threshold: 2 });
    const alertsBefore = (await stockLowEvents()).length;

    const above = await recordedCheckout(await readyCart(t, shop, teapot.variantId, 2, post)); // 5 → 3: still above
    expect(above.res.statusCode).toBe(201);
    expect(above.sessions.map((s) => s.writes)).toEqual([2]);

    const crossing = await recordedCheckout(await readyCart(t, shop, teapot.variantId, 1, post)); // 3 → 2: at the threshold
    expect(crossing.res.statusCode, crossing.res.body).toBe(201);
    // The pipelined attempt (rolled back by its hold), then the step-by-step transaction.
    expect(crossing.sessions).toHaveLength(2);
    expect(crossing.sessions[0]!.writes).toBe(2);
    expect(crossing.sessions[1]!.writes).toBeGreaterThan(2);
    const alerts = await stockLowEvents();
    expect(alerts).toHaveLength(alertsBefore + 1);
    expect(alerts.at(-1)).toMatchObject({ subjectId: teapot.variantId, payload: expect.objectContaining({ available: 2, threshold: 2 }) });
    expect(await stockOf(t, shop.storeId, teapot.variantId)).toEqual({ onHand: 5, reserved: 3, available: 2 });
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
  });
});
