import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { stripeSignature } from './fake-stripe.ts';
import {
  admin, checkout, deliver, orderRow, paymentRows, paymentsTest, paymentStateOf, readyCart, startedPayment, STRIPE_KEYS, stripeShop, type PaymentsTest, type Shop,
} from './fixtures.ts';

let p: PaymentsTest;
let shop: Shop;
let other: Shop;
let post: string;
let otherPost: string;
let mug: { variantId: string };
let otherMug: { variantId: string };
const OTHER_SECRET = 'whsec_AnotherStoreSigningSecret000000002';
beforeAll(async () => {
  p = await paymentsTest();
  ({ shop, post, mug } = await stripeShop(p.t, 'hooks-a'));
  ({ shop: other, post: otherPost, mug: otherMug } = await stripeShop(p.t, 'hooks-b', 20, { ...STRIPE_KEYS, webhookSecret: OTHER_SECRET }));
});
afterAll(() => p.close());

/** An order paid with Stripe whose intent has succeeded at the fake, the notification not yet sent. */
async function awaitingNotification(s: Shop = shop, variantId = mug.variantId, method = post) {
  const cart = await readyCart(p.t, s, variantId, 1, method);
  const session = await startedPayment(p.t, s, cart);
  const order = (await checkout(p.t, s, cart, 'stripe')).json();
  return { session, order, payload: p.stripe.event('payment_intent.succeeded', p.stripe.succeed(session.intentId)) };
}

const stateOf = (storeId: string) => paymentStateOf(p.t, storeId);

describe('Stripe webhooks', () => {
  it('applies an event once: the same event again answers 200 and changes nothing', async () => {
    const { session, order, payload } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const first = await deliver(p.t, shop.storeId, payload);
    expect(first.json()).toEqual({ received: true, outcome: 'processed' });
    const after = await stateOf(shop.storeId);
    const again = await deliver(p.t, shop.storeId, payload);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, outcome: 'duplicate' });
    expect(await stateOf(shop.storeId)).toEqual(after);
    expect(after.receipts).toBe(before.receipts + 1);
    expect(after.succeeded).toBe(before.succeeded + 1);
    expect(after.payments.find((r) => r.id === session.paymentId)?.status).toBe('succeeded');
    expect(await orderRow(p.t, shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('applies concurrent copies of one event exactly once', async () => {
    const { session, order, payload } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(p.t, shop.storeId, payload)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
    const outcomes = answers.map((a) => a.json().outcome).sort();
    expect(outcomes).toEqual([...Array(11).fill('duplicate'), 'processed']);
    const after = await stateOf(shop.storeId);
    expect(after.receipts).toBe(before.receipts + 1);
    expect(after.succeeded).toBe(before.succeeded + 1);
    expect(after.payments.find((r) => r.id === session.paymentId)).toMatchObject({ status: 'succeeded', captured_amount: order.grandTotal.amount });
    const detail = await admin(p.t, shop.storeId, 'GET', `/orders/${order.id}`);
    expect(detail.json().history.filter((h: { to: string }) => h.to === 'confirmed')).toHaveLength(1);
  });

  it('answers 401 to an unsigned, forged, tampered or stale notification, and changes nothing', async () => {
    const { payload } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const unsigned = await deliver(p.t, shop.storeId, payload, { signature: null });
    const forged = await deliver(p.t, shop.storeId, payload, { secret: 'whsec_NotTheStoresSecretAtAll00000000' });
    const tampered = await deliver(p.t, shop.storeId, payload.replace('"succeeded"', '"succeeded" '), { signature: stripeSignature(payload, STRIPE_KEYS.webhookSecret) });
    const stale = await deliver(p.t, shop.storeId, payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const garbage = await deliver(p.t, shop.storeId, payload, { signature: 'nonsense' });
    for (const res of [unsigned, forged, tampered, stale, garbage]) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    expect(await stateOf(shop.storeId)).toEqual(before);
    // Within the tolerance the same notification is accepted.
    expect((await deliver(p.t, shop.storeId, payload, { timestamp: Math.floor(Date.now() / 1000) - 250 })).json().outcome).toBe('processed');
  });

  it('answers 400 to a signed body that is not an event', async () => {
    const before = await stateOf(shop.storeId);
    const notJson = await deliver(p.t, shop.storeId, '{"id": "evt_1", ');
    const notEvent = await deliver(p.t, shop.storeId, JSON.stringify({ hello: 'world' }));
    expect([notJson.statusCode, notEvent.statusCode]).toEqual([400, 400]);
    expect(await stateOf(shop.storeId)).toEqual(before);
  });

  it("answers 400 to another store's payment, even correctly signed for this one, and changes neither store", async () => {
    const theirs = await awaitingNotification(other, otherMug.variantId, otherPost);
    const [mineBefore, theirsBefore] = [await stateOf(shop.storeId), await stateOf(other.storeId)];
    const res = await deliver(p.t, shop.storeId, theirs.payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('WEBHOOK_NOT_ACCEPTED');
    expect(await stateOf(shop.storeId)).toEqual(mineBefore);
    expect(await stateOf(other.storeId)).toEqual(theirsBefore);
    // Signed with this store's secret for the other store's endpoint: refused by the signature.
    expect((await deliver(p.t, other.storeId, theirs.payload)).statusCode).toBe(401);
    expect((await deliver(p.t, other.storeId, theirs.payload, { secret: OTHER_SECRET })).json().outcome).toBe('processed');
  });

  it('answers 400 when the payment id Stripe echoes is of another payment (another order), and changes nothing', async () => {
    const first = await awaitingNotification();
    const second = await awaitingNotification();
    const intent = p.stripe.intents.get(first.session.intentId)!;
    const crossed = p.stripe.event('payment_intent.succeeded', { ...intent, metadata: { ...intent.metadata, payment_id: second.session.paymentId } });
    const before = await stateOf(shop.storeId);
    const res = await deliver(p.t, shop.storeId, crossed);
    expect(res.statusCode).toBe(400);
    const amountChanged = p.stripe.event('payment_intent.succeeded', { ...intent, amount: intent.amount + 1, amount_received: intent.amount + 1 });
    expect((await deliver(p.t, shop.storeId, amountChanged)).statusCode).toBe(400);
    expect(await stateOf(shop.storeId)).toEqual(before);
  });

  it('answers 200 to event types it does not use, and keeps no receipt of them', async () => {
    const { session } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    for (const type of ['payment_intent.created', 'customer.created', 'charge.succeeded']) {
      const res = await deliver(p.t, shop.storeId, p.stripe.event(type, p.stripe.intents.get(session.intentId)!));
      expect(res.json()).toEqual({ received: true, outcome: 'ignored' });
    }
    expect(await stateOf(shop.storeId)).toEqual(before);
  });

  it('ignores an out-of-order report: a failure after the success leaves the payment succeeded', async () => {
    const { session, order, payload } = await awaitingNotification();
    await deliver(p.t, shop.storeId, payload);
    const late = p.stripe.event('payment_intent.payment_failed', { ...p.stripe.intents.get(session.intentId)!, status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message: 'Declined' } });
    const res = await deliver(p.t, shop.storeId, late);
    expect(res.statusCode).toBe(200);
    expect((await paymentRows(p.t, shop.storeId)).find((r) => r.id === session.paymentId)?.status).toBe('succeeded');
    expect(await orderRow(p.t, shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('answers 404 for a store without a Stripe account', async () => {
    const res = await deliver(p.t, uuidv7(), p.stripe.event('payment_intent.succeeded', { id: 'pi_x' }));
    expect(res.statusCode).toBe(404);
  });
});
