import { describe, expect, it } from 'vitest';
import { addLine, paths } from '../carts/fixtures.ts';
import { stockOf } from '../orders/fixtures.ts';
import { admin, checkout, count, deliver, eventsOf, orderRow, paymentRows, readyCart, startedPayment, startPayment, store, STRIPE_KEYS, stripeShop, usePaymentsShop } from './fixtures.ts';

const p = usePaymentsShop((p) => stripeShop(p.t, 'stripe-pay'));

describe('paying with Stripe', () => {
  it('starts a payment for the cart priced on the server, with Stripe keyed by our payment id', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 2, p.post);
    const total = (await store(p.t, p.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().totals.grandTotal;
    const res = await startPayment(p.t, p.shop, cart);
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    expect(session).toMatchObject({ provider: 'stripe', status: 'pending', amount: total, redirectUrl: null, publicKey: STRIPE_KEYS.publicKey });
    const intentId = session.clientSecret.split('_secret_')[0];
    const call = p.stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.idempotencyKey === session.paymentId);
    expect(call).toMatchObject({ apiKey: STRIPE_KEYS.apiKey, params: { amount: String(total.amount), currency: 'eur', metadata: { payment_id: session.paymentId, store_id: p.shop.storeId } } });
    const row = (await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId);
    expect(row).toMatchObject({ cart_id: cart.id, order_id: null, provider: 'stripe', status: 'pending', amount: total.amount, provider_reference: intentId });
  });

  it('pays: checkout ties the payment to the order, and the success notification makes it paid and confirmed', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedPayment(p.t, p.shop, cart);
    const placed = await checkout(p.t, p.shop, cart, 'stripe');
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'pending', paymentMethod: 'stripe', paymentStatus: 'pending' });
    const before = (await eventsOf(p.t, p.shop.storeId, 'payment.succeeded')).length;

    const res = await deliver(p.t, p.shop.storeId, p.stripe.event('payment_intent.succeeded', p.stripe.succeed(session.intentId)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'processed' });
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)).toMatchObject({ order_id: order.id, status: 'succeeded', captured_amount: order.grandTotal.amount });
    const succeeded = await eventsOf(p.t, p.shop.storeId, 'payment.succeeded');
    expect(succeeded).toHaveLength(before + 1);
    expect(succeeded.at(-1)!.payload).toMatchObject({ paymentId: session.paymentId, orderId: order.id, provider: 'stripe', amount: order.grandTotal });
    const detail = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}`)).json();
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'confirmed']);
    const metrics = (await p.t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/payments_total\{provider="stripe",status="succeeded"\} [1-9]/);
    expect(metrics).toMatch(/orders_total\{status="confirmed"\} [1-9]/);
  });

  it('places a paid, confirmed order when the payment succeeded before checkout', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedPayment(p.t, p.shop, cart);
    expect((await deliver(p.t, p.shop.storeId, p.stripe.event('payment_intent.succeeded', p.stripe.succeed(session.intentId)))).statusCode).toBe(200);
    const placed = await checkout(p.t, p.shop, cart, 'stripe');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', history: [{ to: 'pending' }, { from: 'pending', to: 'confirmed' }] });
  });

  it('records a declined card as a failed payment with its reason and leaves the order unpaid', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedPayment(p.t, p.shop, cart);
    const order = (await checkout(p.t, p.shop, cart, 'stripe')).json();
    const failedBefore = (await eventsOf(p.t, p.shop.storeId, 'payment.failed')).length;
    const res = await deliver(p.t, p.shop.storeId, p.stripe.event('payment_intent.payment_failed', p.stripe.fail(session.intentId, 'insufficient_funds')));
    expect(res.statusCode, res.body).toBe(200);
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'pending', payment_status: 'unpaid' });
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data).toMatchObject([{ id: session.paymentId, status: 'failed', failureCode: 'insufficient_funds', failureMessage: 'Your card was declined.', captured: { amount: 0 } }]);
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.failed')).toHaveLength(failedBefore + 1);
    // The shopper tries another card on the same intent: the failure was not the end.
    await deliver(p.t, p.shop.storeId, p.stripe.event('payment_intent.succeeded', p.stripe.succeed(session.intentId)));
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('refuses checkout when the cart changed after the payment was started, and writes nothing', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedPayment(p.t, p.shop, cart);
    await addLine(p.t, p.shop, cart, p.mug.variantId, 1);
    const orders = await count(p.t, 'orders', p.shop.storeId);
    const stock = await stockOf(p.t, p.shop.storeId, p.mug.variantId);
    const refused = await checkout(p.t, p.shop, cart, 'stripe');
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'CHECKOUT_PAYMENT_MISMATCH' });
    expect(paths(refused)).toEqual(['cart.totals.grandTotal']);
    expect(await count(p.t, 'orders', p.shop.storeId)).toBe(orders);
    expect(await stockOf(p.t, p.shop.storeId, p.mug.variantId)).toEqual(stock);
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)).toMatchObject({ order_id: null, status: 'pending' });

    // A new payment for the cart as it is now replaces the old one (at Stripe too), and checkout goes through.
    const now = (await store(p.t, p.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().totals.grandTotal;
    const fresh = await startedPayment(p.t, p.shop, cart);
    expect(fresh.amount).toEqual(now);
    expect(now.amount).toBeGreaterThan(session.amount.amount);
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)?.status).toBe('cancelled');
    expect(p.stripe.intents.get(session.intentId)?.status).toBe('canceled');
    const placed = await checkout(p.t, p.shop, cart, 'stripe');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().grandTotal).toEqual(fresh.amount);
  });

  it('refuses checkout with stripe when no payment was started, naming the cart payment', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const res = await checkout(p.t, p.shop, cart, 'stripe');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHECKOUT_PAYMENT_MISMATCH');
    expect(paths(res)).toEqual(['cart.payment']);
  });

  it('replays a start sent again with the same Idempotency-Key: one payment, one intent', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const payments = (await paymentRows(p.t, p.shop.storeId)).length;
    const intents = p.stripe.intents.size;
    const headers = { 'idempotency-key': `start-${cart.id}` };
    const first = await startPayment(p.t, p.shop, cart, { provider: 'stripe' }, headers);
    const again = await startPayment(p.t, p.shop, cart, { provider: 'stripe' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await paymentRows(p.t, p.shop.storeId)).length).toBe(payments + 1);
    expect(p.stripe.intents.size).toBe(intents + 1);
  });

  it('refuses a provider the store has not set up or has switched off, naming body.provider', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const mollie = await startPayment(p.t, p.shop, cart, { provider: 'mollie' });
    expect(mollie.statusCode).toBe(422);
    expect(mollie.json().code).toBe('PAYMENT_PROVIDER_NOT_CONFIGURED');
    expect(paths(mollie)).toEqual(['body.provider']);
    await admin(p.t, p.shop.storeId, 'PUT', '/payment-providers/stripe', { mode: 'test', enabled: false });
    try {
      const off = await startPayment(p.t, p.shop, cart);
      expect(off.statusCode).toBe(422);
      expect(paths(off)).toEqual(['body.provider']);
    } finally {
      await admin(p.t, p.shop.storeId, 'PUT', '/payment-providers/stripe', { mode: 'test', enabled: true });
    }
  });

  it('answers problem+json naming the field for bad input, and writes nothing', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const payments = (await paymentRows(p.t, p.shop.storeId)).length;
    const unknown = await startPayment(p.t, p.shop, cart, { provider: 'paypal' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(paths(unknown)).toEqual(['body.provider']);
    const badUrl = await startPayment(p.t, p.shop, cart, { provider: 'stripe', returnUrl: 'javascript:alert(1)' });
    expect(paths(badUrl)).toEqual(['body.returnUrl']);
    const noToken = await store(p.t, p.shop, 'POST', `/carts/${cart.id}/payments`, { payload: { provider: 'stripe' } });
    expect(noToken.statusCode).toBe(404);
    expect((await paymentRows(p.t, p.shop.storeId)).length).toBe(payments);
  });

  it('refuses to start when Stripe refuses the store key (422, the key never in the answer or a log line), and records the attempt as failed', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    p.stripe.revokedKeys.add(STRIPE_KEYS.apiKey);
    try {
      const res = await startPayment(p.t, p.shop, cart);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('PAYMENT_PROVIDER_REFUSED');
      expect(res.body).not.toContain(STRIPE_KEYS.apiKey.slice(8));
    } finally {
      p.stripe.revokedKeys.delete(STRIPE_KEYS.apiKey);
    }
    const row = (await paymentRows(p.t, p.shop.storeId)).filter((r) => r.cart_id === cart.id);
    expect(row).toMatchObject([{ status: 'failed', provider_reference: null }]);
    expect(JSON.stringify(p.t.logs)).not.toContain(STRIPE_KEYS.apiKey.slice(8));
  });
});
