import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { paths } from '../carts/fixtures.ts';
import { admin, checkout, deliver, eventsOf, orderRow, paidOrder, paymentRows, readyCart, refundRows, startedPayment, stripeShop, usePaymentsShop } from './fixtures.ts';

const p = usePaymentsShop((p) => stripeShop(p.t, 'refunds', 200));

const refund = (orderId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => admin(p.t, p.shop.storeId, 'POST', `/orders/${orderId}/refunds`, body, headers);
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const paymentOf = async (paymentId: string) => (await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === paymentId)!;

describe('refunds', () => {
  it('refunds a Stripe payment in full: Stripe keyed by our refund id, the order refunded, payment.refunded written', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const total = order.grandTotal.amount;
    const before = (await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).length;
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(total), reason: 'Changed their mind' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ paymentId: session.paymentId, orderId: order.id, amount: eur(total), status: 'succeeded', reason: 'Changed their mind' });
    const call = p.stripe.requests.find((r) => r.path === '/v1/refunds' && r.idempotencyKey === body.id);
    expect(call?.params).toMatchObject({ payment_intent: session.intentId, amount: String(total), metadata: { refund_id: body.id } });
    expect(body.providerReference).toMatch(/^re_/);
    expect(await paymentOf(session.paymentId)).toMatchObject({ captured_amount: total, refunded_amount: total });
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('refunded');
    const events = await eventsOf(p.t, p.shop.storeId, 'payment.refunded');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.payload).toMatchObject({ paymentId: session.paymentId, refundId: body.id, orderId: order.id, amount: eur(total) });
    expect((await p.t.app.inject({ url: '/metrics' })).body).toMatch(/payments_total\{provider="stripe",status="refunded"\} [1-9]/);
  });

  it('refunds in parts until the capture is used up, and refuses more (422 naming body.amount.amount, nothing written)', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 2, p.post);
    const total = order.grandTotal.amount;
    expect((await refund(order.id, { paymentId: session.paymentId, amount: eur(1000) })).statusCode).toBe(201);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('partially_refunded');
    const refunds = (await refundRows(p.t, p.shop.storeId)).length;
    const tooMuch = await refund(order.id, { paymentId: session.paymentId, amount: eur(total - 999) });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.headers['content-type']).toContain('application/problem+json');
    expect(tooMuch.json()).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', errors: [{ path: 'body.amount.amount', message: `must be at most ${total - 1000}` }] });
    expect((await refundRows(p.t, p.shop.storeId)).length).toBe(refunds);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(1000);
    expect((await refund(order.id, { paymentId: session.paymentId, amount: eur(total - 1000) })).statusCode).toBe(201);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('refunded');
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data[0].refunds.map((r: { amount: { amount: number } }) => r.amount.amount)).toEqual([1000, total - 1000]);
    expect(listed.data[0]).toMatchObject({ captured: eur(total), refunded: eur(total) });
  });

  it('never refunds more than the capture under concurrency, and our ledger equals Stripe’s', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 3, p.post);
    const total = order.grandTotal.amount;
    const part = Math.floor(total * 0.3);
    p.stripe.delayMs = 30;
    let answers;
    try {
      answers = await Promise.all(Array.from({ length: 10 }, () => refund(order.id, { paymentId: session.paymentId, amount: eur(part) })));
    } finally {
      p.stripe.delayMs = 0;
    }
    const accepted = answers.filter((a) => a.statusCode === 201);
    expect(accepted).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 422).every((a) => a.json().code === 'REFUND_EXCEEDS_CAPTURED')).toBe(true);
    const ours = (await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === session.paymentId);
    const refunded = ours.filter((r) => r.status !== 'failed').reduce((sum, r) => sum + r.amount, 0);
    expect(refunded).toBe(3 * part);
    expect(refunded).toBeLessThanOrEqual(total);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(refunded);
    const atStripe = [...p.stripe.refunds.values()].filter((r) => r.payment_intent === session.intentId).reduce((sum, r) => sum + r.amount, 0);
    expect(atStripe).toBe(refunded);
  });

  it('settles a refund Stripe reports as pending when refund.updated arrives, exactly once', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    p.stripe.refundOutcome = 'pending';
    let res;
    try {
      res = await refund(order.id, { paymentId: session.paymentId, amount: eur(500) });
    } finally {
      p.stripe.refundOutcome = 'succeeded';
    }
    expect(res.json()).toMatchObject({ status: 'pending' });
    const before = (await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).length;
    const update = p.stripe.event('refund.updated', p.stripe.settleRefund(res.json().providerReference, 'succeeded'));
    const answers = await Promise.all([deliver(p.t, p.shop.storeId, update), deliver(p.t, p.shop.storeId, update), deliver(p.t, p.shop.storeId, update)]);
    expect(answers.map((a) => a.json().outcome).sort()).toEqual(['duplicate', 'duplicate', 'processed']);
    // The same refund reported again under another event id (charge.refunded) changes nothing either.
    const charge = { id: 'ch_x', object: 'charge', payment_intent: session.intentId, refunds: { object: 'list', data: [p.stripe.refunds.get(res.json().providerReference)] } };
    expect((await deliver(p.t, p.shop.storeId, p.stripe.event('charge.refunded', charge))).json().outcome).toBe('processed');
    expect((await refundRows(p.t, p.shop.storeId)).find((r) => r.id === res.json().id)).toMatchObject({ status: 'succeeded' });
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).toHaveLength(before + 1);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(500);
  });

  it('gives the amount back when Stripe later reports a pending refund as failed', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    p.stripe.refundOutcome = 'pending';
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(700) }).finally(() => (p.stripe.refundOutcome = 'succeeded'));
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(700);
    await deliver(p.t, p.shop.storeId, p.stripe.event('refund.failed', p.stripe.settleRefund(res.json().providerReference, 'failed')));
    expect((await refundRows(p.t, p.shop.storeId)).find((r) => r.id === res.json().id)?.status).toBe('failed');
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(0);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('paid');
  });

  it('marks the refund failed and gives the amount back when Stripe fails (503), so a new attempt can refund it', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    p.stripe.refundOutcome = 'error';
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(order.grandTotal.amount) }).finally(() => (p.stripe.refundOutcome = 'succeeded'));
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect((await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === session.paymentId)).toMatchObject([{ status: 'failed' }]);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(0);
    expect((await refund(order.id, { paymentId: session.paymentId, amount: eur(order.grandTotal.amount) })).statusCode).toBe(201);
  });

  it('takes a notification that overtakes the answer to our own refund call as that refund, not a second one', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const before = (await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).length;
    p.stripe.delayMs = 400;
    const pending = refund(order.id, { paymentId: session.paymentId, amount: eur(300) });
    try {
      let made;
      for (let i = 0; i < 100 && !made; i++) {
        await new Promise((r) => setTimeout(r, 20));
        made = [...p.stripe.refunds.values()].find((r) => r.payment_intent === session.intentId);
      }
      expect((await deliver(p.t, p.shop.storeId, p.stripe.event('refund.created', made!))).json().outcome).toBe('processed');
    } finally {
      p.stripe.delayMs = 0;
    }
    const res = await pending;
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'succeeded' });
    expect((await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === session.paymentId)).toHaveLength(1);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(300);
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).toHaveLength(before + 1);
  });

  it('records a refund made in the Stripe dashboard when its notification arrives', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const made = { id: 're_dashboard1', object: 'refund', amount: 250, currency: 'eur', payment_intent: session.intentId, status: 'succeeded', metadata: {} };
    expect((await deliver(p.t, p.shop.storeId, p.stripe.event('refund.created', made))).json().outcome).toBe('processed');
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data[0].refunds).toMatchObject([{ amount: eur(250), status: 'succeeded', providerReference: 're_dashboard1', createdBy: 'provider:stripe' }]);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('partially_refunded');
  });

  it('replays a refund sent again with the same Idempotency-Key: one refund at Stripe', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const headers = { 'idempotency-key': `refund-${order.id}` };
    const first = await refund(order.id, { paymentId: session.paymentId, amount: eur(100) }, headers);
    const again = await refund(order.id, { paymentId: session.paymentId, amount: eur(100) }, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect([...p.stripe.refunds.values()].filter((r) => r.payment_intent === session.intentId)).toHaveLength(1);
  });

  it('refuses what cannot be refunded, naming the field, and writes nothing', async () => {
    const { session, order } = await paidOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const cart = await readyCart(p.t, p.shop, p.mug.variantId, 1, p.post);
    const unpaid = await startedPayment(p.t, p.shop, cart);
    const unpaidOrder = (await checkout(p.t, p.shop, cart, 'stripe')).json();
    const refunds = (await refundRows(p.t, p.shop.storeId)).length;
    const notTaken = await refund(unpaidOrder.id, { paymentId: unpaid.paymentId, amount: eur(100) });
    expect([notTaken.statusCode, notTaken.json().code, paths(notTaken)]).toEqual([422, 'PAYMENT_NOT_REFUNDABLE', ['body.paymentId']]);
    const otherOrder = await refund(unpaidOrder.id, { paymentId: session.paymentId, amount: eur(100) });
    expect([otherOrder.statusCode, paths(otherOrder)]).toEqual([404, ['body.paymentId']]);
    const currency = await refund(order.id, { paymentId: session.paymentId, amount: { amount: 100, currency: 'USD' } });
    expect([currency.statusCode, paths(currency)]).toEqual([422, ['body.amount.currency']]);
    const zero = await refund(order.id, { paymentId: session.paymentId, amount: eur(0) });
    expect([zero.statusCode, paths(zero)]).toEqual([422, ['body.amount.amount']]);
    const noOrder = await refund(uuidv7(), { paymentId: session.paymentId, amount: eur(100) });
    expect(noOrder.statusCode).toBe(404);
    expect((await refundRows(p.t, p.shop.storeId)).length).toBe(refunds);
  });
});
