import { describe, expect, it } from 'vitest';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { recordSessions, type Session } from '../socket-writes.ts';
import { addLine, addProduct, checkout, countRows, ledgerDifferences, newCart, readyCart, receive, setUp, stockOf, store, useOrderShop, ADDRESS } from './fixtures.ts';

const o = useOrderShop('orders-pipelined', 20);

/** The checkout's own transactions among the sessions recorded: those that sent the cart's id (a prepared statement's text is sent only once per connection). */
const placing = (sessions: Session[], cartId: string) => sessions.filter((s) => s.text.includes(cartId));

async function recordedCheckout(cart: { id: string; token: string }) {
  const recorded = recordSessions(o.t.database.pool);
  try {
    const res = await checkout(o.t, o.shop, cart);
    return { res, sessions: placing(recorded.sessions, cart.id) };
  } finally {
    recorded.stop();
  }
}

/** A cart with one line of each variant, ready to check out. */
async function cartOf(lines: Array<[string, number]>) {
  const cart = await newCart(o.t, o.shop);
  for (const [variantId, quantity] of lines) await addLine(o.t, o.shop, cart, variantId, quantity);
  for (const [path, payload] of [['/email', { email: 'kim@example.test' }], ['/shipping-address', ADDRESS], ['/shipping-method', { shippingMethodId: o.post }]] as const) {
    await store(o.t, o.shop, 'PUT', `/carts/${cart.id}${path}`, { token: cart.token, payload });
  }
  return cart;
}

const stockLowEvents = () => inTransaction(o.t.database.db, { tenantId: o.shop.storeId }, (tx) => listDomainEvents(tx, o.shop.storeId, { type: 'stock.low', limit: 100 }));

describe('pipelined checkout', () => {
  it('places a plain order in two round trips: begin with the cart, then the stock holds, the order and the commit together', async () => {
    const { res, sessions } = await recordedCheckout(await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post));
    expect(res.statusCode, res.body).toBe(201);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.writes).toBe(2);
    expect(sessions[0]!.text).toMatch(/commit\u0000$/); // the last thing sent, with the holds and the order
    expect(await stockOf(o.t, o.shop.storeId, o.mug.variantId)).toMatchObject({ reserved: 1 });
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
  });

  it('refuses a cart whose later line is short with 409 naming that line: the earlier hold is undone and no number is used', async () => {
    const plenty = await addProduct(o.t, o.shop.storeId, 'Plate', 900);
    const scarce = await addProduct(o.t, o.shop.storeId, 'Bowl', 700);
    await receive(o.t, o.shop.storeId, plenty.variantId, 10);
    await receive(o.t, o.shop.storeId, scarce.variantId, 1);
    // Held in variant order; ids grow with time, so the plate is held first and the bowl's refusal must undo it.
    expect([plenty, scarce].sort((a, b) => a.variantId.localeCompare(b.variantId))).toEqual([plenty, scarce]);
    const numberBefore = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json().number as number;
    const orders = await countRows(o.t, 'orders', o.shop.storeId);
    const stock = { plenty: await stockOf(o.t, o.shop.storeId, plenty.variantId), scarce: await stockOf(o.t, o.shop.storeId, scarce.variantId) };

    const res = await checkout(o.t, o.shop, await cartOf([[plenty.variantId, 2], [scarce.variantId, 2]]));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_STOCK_CONFLICT', errors: [{ message: expect.stringContaining(`${scarce.variantId} (`) }] });
    expect(res.json().errors[0].message).toContain('only 1 available');
    expect(await countRows(o.t, 'orders', o.shop.storeId)).toBe(orders);
    expect(await stockOf(o.t, o.shop.storeId, plenty.variantId)).toEqual(stock.plenty);
    expect(await stockOf(o.t, o.shop.storeId, scarce.variantId)).toEqual(stock.scarce);
    const next = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post));
    expect(next.json().number).toBe(numberBefore + 1);
  });

  it('refuses a variant that has no stock row at all with 409, writing nothing', async () => {
    const unstocked = await addProduct(o.t, o.shop.storeId, 'Saucer', 500);
    const orders = await countRows(o.t, 'orders', o.shop.storeId);
    const res = await checkout(o.t, o.shop, await cartOf([[unstocked.variantId, 1]]));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_STOCK_CONFLICT', errors: [{ message: expect.stringContaining('only 0 available') }] });
    expect(await countRows(o.t, 'orders', o.shop.storeId)).toBe(orders);
  });

  it('hands a checkout that crosses the low-stock threshold to the step-by-step way, which raises the alert once', async () => {
    const teapot = await addProduct(o.t, o.shop.storeId, 'Teapot', 3500);
    await receive(o.t, o.shop.storeId, teapot.variantId, 5);
    await setUp(o.t, o.shop.storeId, 'PUT', '/inventory/thresholds', { variantId: teapot.variantId, threshold: 2 });
    const alertsBefore = (await stockLowEvents()).length;

    const above = await recordedCheckout(await readyCart(o.t, o.shop, teapot.variantId, 2, o.post)); // 5 → 3: still above
    expect(above.res.statusCode).toBe(201);
    expect(above.sessions.map((s) => s.writes)).toEqual([2]);

    const crossing = await recordedCheckout(await readyCart(o.t, o.shop, teapot.variantId, 1, o.post)); // 3 → 2: at the threshold
    expect(crossing.res.statusCode, crossing.res.body).toBe(201);
    // The pipelined attempt (rolled back by its hold), then the step-by-step transaction.
    expect(crossing.sessions).toHaveLength(2);
    expect(crossing.sessions[0]!.writes).toBe(2);
    expect(crossing.sessions[1]!.writes).toBeGreaterThan(2);
    const alerts = await stockLowEvents();
    expect(alerts).toHaveLength(alertsBefore + 1);
    expect(alerts.at(-1)).toMatchObject({ subjectId: teapot.variantId, payload: expect.objectContaining({ available: 2, threshold: 2 }) });
    expect(await stockOf(o.t, o.shop.storeId, teapot.variantId)).toEqual({ onHand: 5, reserved: 3, available: 2 });
    expect(await ledgerDifferences(o.t, o.shop.storeId)).toEqual([]);
  });
});
