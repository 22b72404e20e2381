import { describe, expect, it } from 'vitest';
import { addLine, makeShop, paths } from '../carts/fixtures.ts';
import { stockOf } from '../orders/fixtures.ts';
import { admin, checkout, count, eventsOf, orderRow, paymentRows, readyCart, startPayment, store, usePaymentsShop } from './fixtures.ts';
import {
  MOLLIE_SECRET, mollieCheckout, mollieCount, mollieKeys, mollieShop, notifyMollie, PROFILE_ID, RETURN_URL, startedMolliePayment, startMolliePayment,
} from './mollie-fixtures.ts';

const p = usePaymentsShop((p) => mollieShop(p, 'mollie-pay'));

/** The part of a secret that must never show up in an answer or a log line. */
const hidden = (secret: string) => secret.slice(5, -4);

describe('a Mollie account', () => {
  it('is set up through the admin API and shown without its secrets: the key hint, whether a signing secret is set, the webhook URL', async () => {
    const { storeId } = await makeShop(p.t, 'mollie-account');
    const keys = mollieKeys(p, { webhookSecret: MOLLIE_SECRET });
    const saved = await admin(p.t, storeId, 'PUT', '/payment-providers/mollie', keys);
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = {
      provider: 'mollie', mode: 'test', publicKey: PROFILE_ID, apiKeyHint: p.mollie.apiKey.slice(-4), hasWebhookSecret: true, enabled: true,
      webhookUrl: `${p.t.config.publicUrl}/webhooks/mollie/${storeId}`,
    };
    expect(saved.json()).toMatchObject(expected);
    const listed = await admin(p.t, storeId, 'GET', '/payment-providers');
    expect(listed.json()).toMatchObject({ data: [expected] });
    const live = await admin(p.t, storeId, 'PUT', '/payment-providers/mollie', { mode: 'live' });
    expect([live.statusCode, live.json().code, paths(live)]).toEqual([422, 'PAYMENT_PROVIDER_KEYS_INVALID', ['body.apiKey']]);
    const { rows } = await p.t.database.pool.query("select changes::text as changes from audit_log where tenant_id = $1 and target_type = 'payment_provider'", [storeId]);
    expect(rows).toHaveLength(1);
    for (const text of [saved.body, listed.body, live.body, JSON.stringify(rows)]) {
      expect(text).not.toContain(hidden(p.mollie.apiKey));
      expect(text).not.toContain(hidden(MOLLIE_SECRET));
    }
  });
});

describe('paying with Mollie', () => {
  it("starts a payment for the cart priced on the server and hands back Mollie's checkout page, Mollie keyed by our payment id", async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 2, p.post);
    const total = (await store(p.t, p.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().totals.grandTotal;
    const res = await startMolliePayment(p.t, p.shop, cart);
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    expect(session).toMatchObject({ provider: 'mollie', status: 'pending', amount: total, clientSecret: null, publicKey: PROFILE_ID });
    expect(session.redirectUrl).toMatch(/^https:\/\/www\.mollie\.com\/checkout\//);
    const call = p.mollie.requests.find((r) => r.method === 'POST' && r.path === '/v2/payments' && r.headers['idempotency-key'] === session.paymentId);
    expect(call?.headers.authorization).toBe(`Bearer ${p.mollie.apiKey}`);
    expect(call?.body).toMatchObject({
      amount: { currency: 'EUR', value: (total.amount / 100).toFixed(2) },
      redirectUrl: RETURN_URL,
      webhookUrl: `${p.t.config.publicUrl}/webhooks/mollie/${p.shop.storeId}`,
      metadata: { paymentId: session.paymentId, tenantId: p.shop.storeId },
    });
    const row = (await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId);
    expect(row).toMatchObject({ cart_id: cart.id, order_id: null, provider: 'mollie', status: 'pending', amount: total.amount });
    expect(p.mollie.payment(row!.provider_reference!)).toMatchObject({ status: 'open', _links: { checkout: { href: session.redirectUrl } } });
  });

  it('pays: checkout ties the payment to the order, and the notification after Mollie marks it paid makes the order paid and confirmed', async () => {
    const { session, order } = await mollieCheckout(p, p.shop, p.mug.variantId, 1, p.post);
    expect(order).toMatchObject({ status: 'pending', paymentMethod: 'mollie', paymentStatus: 'pending' });
    const before = (await eventsOf(p.t, p.shop.storeId, 'payment.succeeded')).length;
    const counted = await mollieCount(p.t, 'succeeded');

    p.mollie.setPaymentStatus(session.molliePaymentId, 'paid');
    const res = await notifyMollie(p.t, p.shop.storeId, p.mollie.notification(session.molliePaymentId));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'processed' });
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)).toMatchObject({ order_id: order.id, status: 'succeeded', captured_amount: order.grandTotal.amount });
    const succeeded = await eventsOf(p.t, p.shop.storeId, 'payment.succeeded');
    expect(succeeded).toHaveLength(before + 1);
    expect(succeeded.at(-1)!.payload).toMatchObject({ paymentId: session.paymentId, orderId: order.id, provider: 'mollie', amount: order.grandTotal });
    const detail = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}`)).json();
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'confirmed']);
    expect(await mollieCount(p.t, 'succeeded')).toBe(counted + 1);
  });

  it('places a paid, confirmed order when Mollie reported the payment paid before checkout', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedMolliePayment(p.t, p.shop, cart);
    p.mollie.setPaymentStatus(session.molliePaymentId, 'paid');
    expect((await notifyMollie(p.t, p.shop.storeId, p.mollie.notification(session.molliePaymentId))).json().outcome).toBe('processed');
    const placed = await checkout(p.t, p.shop, cart, 'mollie');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', history: [{ to: 'pending' }, { from: 'pending', to: 'confirmed' }] });
  });

  it("records a failed payment with Mollie's reason, writes payment.failed, and leaves the order unpaid", async () => {
    const { session, order } = await mollieCheckout(p, p.shop, p.mug.variantId, 1, p.post);
    const failedBefore = (await eventsOf(p.t, p.shop.storeId, 'payment.failed')).length;
    const succeededBefore = (await eventsOf(p.t, p.shop.storeId, 'payment.succeeded')).length;
    const counted = await mollieCount(p.t, 'failed');
    p.mollie.setPaymentStatus(session.molliePaymentId, 'failed', { failureReason: 'insufficient_funds', failureMessage: 'The card has insufficient funds.' });
    const res = await notifyMollie(p.t, p.shop.storeId, p.mollie.notification(session.molliePaymentId));
    expect(res.statusCode, res.body).toBe(200);
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'pending', payment_status: 'unpaid' });
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data).toMatchObject([{ id: session.paymentId, provider: 'mollie', status: 'failed', failureCode: 'insufficient_funds', failureMessage: 'The card has insufficient funds.', captured: { amount: 0 } }]);
    const failed = await eventsOf(p.t, p.shop.storeId, 'payment.failed');
    expect(failed).toHaveLength(failedBefore + 1);
    expect(failed.at(-1)!.payload).toMatchObject({ paymentId: session.paymentId, orderId: order.id, provider: 'mollie', failureCode: 'insufficient_funds' });
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.succeeded')).toHaveLength(succeededBefore);
    expect(await mollieCount(p.t, 'failed')).toBe(counted + 1);
  });

  it('records a payment the shopper let expire as cancelled, and the order stays unpaid', async () => {
    const { session, order } = await mollieCheckout(p, p.shop, p.mug.variantId, 1, p.post);
    p.mollie.setPaymentStatus(session.molliePaymentId, 'expired');
    expect((await notifyMollie(p.t, p.shop.storeId, p.mollie.notification(session.molliePaymentId))).statusCode).toBe(200);
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)?.status).toBe('cancelled');
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'pending', payment_status: 'unpaid' });
  });

  it('refuses checkout when the cart changed after the payment was started, writes nothing, and a new payment replaces the old one at Mollie too', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const session = await startedMolliePayment(p.t, p.shop, cart);
    await addLine(p.t, p.shop, cart, p.mug.variantId, 1);
    const orders = await count(p.t, 'orders', p.shop.storeId);
    const stock = await stockOf(p.t, p.shop.storeId, p.mug.variantId);
    const payments = await paymentRows(p.t, p.shop.storeId);
    const refused = await checkout(p.t, p.shop, cart, 'mollie');
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'CHECKOUT_PAYMENT_MISMATCH' });
    expect(paths(refused)).toEqual(['cart.totals.grandTotal']);
    expect(await count(p.t, 'orders', p.shop.storeId)).toBe(orders);
    expect(await stockOf(p.t, p.shop.storeId, p.mug.variantId)).toEqual(stock);
    expect(await paymentRows(p.t, p.shop.storeId)).toEqual(payments);

    const now = (await store(p.t, p.shop, 'GET', `/carts/${cart.id}`, { token: cart.token })).json().totals.grandTotal;
    const fresh = await startedMolliePayment(p.t, p.shop, cart);
    expect(fresh.amount).toEqual(now);
    expect(now.amount).toBeGreaterThan(session.amount.amount);
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === session.paymentId)?.status).toBe('cancelled');
    expect(p.mollie.payment(session.molliePaymentId)?.status).toBe('canceled');
    const placed = await checkout(p.t, p.shop, cart, 'mollie');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().grandTotal).toEqual(fresh.amount);
  });

  it('refuses checkout with mollie when no payment was started, or when the payment was started with Stripe', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const none = await checkout(p.t, p.shop, cart, 'mollie');
    expect([none.statusCode, none.json().code, paths(none)]).toEqual([422, 'CHECKOUT_PAYMENT_MISMATCH', ['cart.payment']]);
    await startedMolliePayment(p.t, p.shop, cart);
    const other = await checkout(p.t, p.shop, cart, 'stripe');
    expect([other.statusCode, other.json().code, paths(other)]).toEqual([422, 'CHECKOUT_PAYMENT_MISMATCH', ['body.paymentMethod']]);
  });

  it('replays a start sent again with the same Idempotency-Key: one payment, one Mollie payment', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const payments = (await paymentRows(p.t, p.shop.storeId)).length;
    const atMollie = p.mollie.paymentCount();
    const headers = { 'idempotency-key': `start-${cart.id}` };
    const first = await startMolliePayment(p.t, p.shop, cart, headers);
    const again = await startMolliePayment(p.t, p.shop, cart, headers);
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await paymentRows(p.t, p.shop.storeId)).length).toBe(payments + 1);
    expect(p.mollie.paymentCount()).toBe(atMollie + 1);
  });

  it('refuses a start without a return page before asking Mollie (422), and records the attempt as failed', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const asked = p.mollie.requests.length;
    const res = await startPayment(p.t, p.shop, cart, { provider: 'mollie' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'PAYMENT_PROVIDER_REFUSED', errors: [{ path: 'provider', message: 'return_url_required' }] });
    expect(p.mollie.requests.length).toBe(asked);
    expect((await paymentRows(p.t, p.shop.storeId)).filter((r) => r.cart_id === cart.id)).toMatchObject([{ provider: 'mollie', status: 'failed', provider_reference: null }]);
  });

  it('answers 503 when Mollie is down and 422 when Mollie refuses the store key, never showing the key, and records both attempts as failed', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    p.mollie.answerNext(503, 'Mollie is down for maintenance');
    const down = await startMolliePayment(p.t, p.shop, cart);
    expect([down.statusCode, down.json().code]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);

    const { shop: revoked, post: revokedPost, mug: revokedMug } = await mollieShop(p, 'mollie-revoked', 5, mollieKeys(p, { apiKey: 'test_RevokedKeyNotKnownToMollie0001' }));
    const theirCart = await readyCart(p.t, revoked, revokedMug.variantId, 1, revokedPost);
    const refused = await startMolliePayment(p.t, revoked, theirCart);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PAYMENT_PROVIDER_REFUSED', errors: [{ path: 'provider', message: 'api_key_rejected' }] });
    expect(refused.body).not.toContain('RevokedKeyNotKnown');
    expect(JSON.stringify(p.t.logs)).not.toContain('RevokedKeyNotKnown');
    expect((await paymentRows(p.t, p.shop.storeId)).filter((r) => r.cart_id === cart.id)).toMatchObject([{ status: 'failed', provider_reference: null }]);
    expect((await paymentRows(p.t, revoked.storeId)).filter((r) => r.cart_id === theirCart.id)).toMatchObject([{ status: 'failed', provider_reference: null }]);
  });

  it('refuses a start while the store has switched Mollie off (422 naming body.provider)', async () => {
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    await admin(p.t, p.shop.storeId, 'PUT', '/payment-providers/mollie', { mode: 'test', enabled: false });
    try {
      const off = await startMolliePayment(p.t, p.shop, cart);
      expect([off.statusCode, off.json().code, paths(off)]).toEqual([422, 'PAYMENT_PROVIDER_NOT_CONFIGURED', ['body.provider']]);
    } finally {
      await admin(p.t, p.shop.storeId, 'PUT', '/payment-providers/mollie', { mode: 'test', enabled: true });
    }
  });

  it('never wrote the API key to a log line', () => {
    expect(p.t.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(p.t.logs)).not.toContain(hidden(p.mollie.apiKey));
  });
});
