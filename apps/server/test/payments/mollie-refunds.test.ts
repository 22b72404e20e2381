import { describe, expect, it } from 'vitest';
import { admin, eventsOf, orderRow, paymentRows, refundRows, usePaymentsShop, type Shop } from './fixtures.ts';
import { MOLLIE_SECRET, mollieCount, mollieKeys, mollieShop, notifyMollie, paidMollieOrder } from './mollie-fixtures.ts';

const p = usePaymentsShop((p) => mollieShop(p, 'mollie-refunds', 200));

const refund = (orderId: string, body: Record<string, unknown>, s: Shop = p.shop) => admin(p.t, s.storeId, 'POST', `/orders/${orderId}/refunds`, body);
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const paymentOf = async (paymentId: string, s: Shop = p.shop) => (await paymentRows(p.t, s.storeId)).find((r) => r.id === paymentId)!;
const refundOf = async (refundId: string) => (await refundRows(p.t, p.shop.storeId)).find((r) => r.id === refundId)!;
/** What Mollie holds as refunded for the payment (failed and cancelled refunds left out), in cents. */
const atMollie = (tr: string) => p.mollie.refunds(tr).filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0);

/** Mollie settles the refund and tells the store through the payment's webhook. */
async function settleAtMollie(tr: string, re: string, status: 'refunded' | 'failed' = 'refunded') {
  p.mollie.setRefundStatus(tr, re, status);
  return notifyMollie(p.t, p.shop.storeId, p.mollie.notification(tr));
}

describe('refunding Mollie payments', () => {
  it('refunds in full: Mollie keyed by our refund id, pending until Mollie reports it refunded, then payment.refunded once', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const tr = session.molliePaymentId;
    const total = order.grandTotal.amount;
    const events = (await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).length;
    const counted = await mollieCount(p.t, 'refunded');
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(total), reason: 'Changed their mind' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ paymentId: session.paymentId, orderId: order.id, amount: eur(total), status: 'pending', reason: 'Changed their mind' });
    expect(body.providerReference).toMatch(/^re_/);
    const call = p.mollie.requests.find((r) => r.method === 'POST' && r.path === `/v2/payments/${tr}/refunds` && r.headers['idempotency-key'] === body.id);
    expect(call?.body).toEqual({ amount: { currency: 'EUR', value: (total / 100).toFixed(2) }, metadata: { refundId: body.id } });
    expect(p.mollie.refunds(tr)).toMatchObject([{ id: body.providerReference, amount: total, status: 'pending' }]);
    // Asked for is reserved at once; the money is announced as given back only when Mollie says so.
    expect(await paymentOf(session.paymentId)).toMatchObject({ captured_amount: total, refunded_amount: total });
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).toHaveLength(events);

    const settled = await settleAtMollie(tr, body.providerReference);
    expect(settled.json()).toEqual({ received: true, outcome: 'processed' });
    expect(await refundOf(body.id)).toMatchObject({ status: 'succeeded', provider_reference: body.providerReference });
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('refunded');
    const refunded = await eventsOf(p.t, p.shop.storeId, 'payment.refunded');
    expect(refunded).toHaveLength(events + 1);
    expect(refunded.at(-1)!.payload).toMatchObject({ paymentId: session.paymentId, refundId: body.id, orderId: order.id, provider: 'mollie', amount: eur(total) });
    expect(await mollieCount(p.t, 'refunded')).toBe(counted + 1);
    // Mollie notifying the same state again settles nothing twice.
    expect((await notifyMollie(p.t, p.shop.storeId, p.mollie.notification(tr))).json().outcome).toBe('duplicate');
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).toHaveLength(events + 1);
  });

  it('refunds in parts until the capture is used up, refuses more without asking Mollie, and our ledger equals Mollie’s', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 2, p.post);
    const tr = session.molliePaymentId;
    const total = order.grandTotal.amount;
    const first = await refund(order.id, { paymentId: session.paymentId, amount: eur(1000) });
    expect(first.statusCode, first.body).toBe(201);
    expect(p.mollie.requests.at(-1)?.body).toMatchObject({ amount: { currency: 'EUR', value: '10.00' } });
    expect((await settleAtMollie(tr, first.json().providerReference)).statusCode).toBe(200);
    expect(await refundOf(first.json().id)).toMatchObject({ status: 'succeeded' });
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('partially_refunded');

    const refunds = (await refundRows(p.t, p.shop.storeId)).length;
    const calls = p.mollie.requests.length;
    const tooMuch = await refund(order.id, { paymentId: session.paymentId, amount: eur(total - 999) });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', errors: [{ path: 'body.amount.amount', message: `must be at most ${total - 1000}` }] });
    expect((await refundRows(p.t, p.shop.storeId)).length).toBe(refunds);
    expect(p.mollie.requests.length).toBe(calls);

    const rest = await refund(order.id, { paymentId: session.paymentId, amount: eur(total - 1000) });
    expect(rest.statusCode, rest.body).toBe(201);
    expect((await settleAtMollie(tr, rest.json().providerReference)).json().outcome).toBe('processed');
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('refunded');
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data[0]).toMatchObject({ provider: 'mollie', captured: eur(total), refunded: eur(total) });
    expect(listed.data[0].refunds.map((r: { amount: { amount: number }; status: string }) => [r.amount.amount, r.status])).toEqual([[1000, 'succeeded'], [total - 1000, 'succeeded']]);
    expect(atMollie(tr)).toBe(total);
  });

  it('never refunds more than the capture under 10 concurrent requests, and our ledger equals Mollie’s', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 3, p.post);
    const total = order.grandTotal.amount;
    const part = Math.floor(total * 0.3);
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(order.id, { paymentId: session.paymentId, amount: eur(part) })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode !== 201).every((a) => a.statusCode === 422 && a.json().code === 'REFUND_EXCEEDS_CAPTURED')).toBe(true);
    const ours = (await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === session.paymentId && r.status !== 'failed');
    const refunded = ours.reduce((sum, r) => sum + r.amount, 0);
    expect(refunded).toBe(3 * part);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(refunded);
    expect(atMollie(session.molliePaymentId)).toBe(refunded);
  });

  it('settles a refund once when concurrent copies of the notification arrive', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(500) });
    const events = (await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).length;
    p.mollie.setRefundStatus(session.molliePaymentId, res.json().providerReference, 'refunded');
    const answers = await Promise.all(Array.from({ length: 10 }, () => notifyMollie(p.t, p.shop.storeId, p.mollie.notification(session.molliePaymentId))));
    expect(answers.map((a) => a.json().outcome).sort()).toEqual([...Array(9).fill('duplicate'), 'processed']);
    expect(await refundOf(res.json().id)).toMatchObject({ status: 'succeeded' });
    expect(await eventsOf(p.t, p.shop.storeId, 'payment.refunded')).toHaveLength(events + 1);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(500);
  });

  it('gives the amount back when Mollie reports the refund failed', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(700) });
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(700);
    expect((await settleAtMollie(session.molliePaymentId, res.json().providerReference, 'failed')).statusCode).toBe(200);
    expect(await refundOf(res.json().id)).toMatchObject({ status: 'failed' });
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(0);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('paid');
  });

  it('marks the refund failed and frees the amount when Mollie refuses it (422), so a new attempt can refund it', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 1, p.post);
    p.mollie.answerNext(422, 'The amount is higher than the amount that can be refunded', 'amount');
    const refused = await refund(order.id, { paymentId: session.paymentId, amount: eur(order.grandTotal.amount) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PAYMENT_PROVIDER_REFUSED', errors: [{ path: 'provider', message: 'invalid_amount' }] });
    expect((await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === session.paymentId)).toMatchObject([{ status: 'failed' }]);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(0);
    p.mollie.answerNext(503, 'Service Unavailable');
    const down = await refund(order.id, { paymentId: session.paymentId, amount: eur(order.grandTotal.amount) });
    expect([down.statusCode, down.json().code]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    expect((await paymentOf(session.paymentId)).refunded_amount).toBe(0);
    expect((await refund(order.id, { paymentId: session.paymentId, amount: eur(order.grandTotal.amount) })).statusCode).toBe(201);
    expect(atMollie(session.molliePaymentId)).toBe(order.grandTotal.amount);
  });

  it('records a refund made in the Mollie dashboard when its notification arrives', async () => {
    const { session, order } = await paidMollieOrder(p, p.shop, p.mug.variantId, 1, p.post);
    const made = await fetch(`${p.mollie.url}/v2/payments/${session.molliePaymentId}/refunds`, {
      method: 'POST', headers: { authorization: `Bearer ${p.mollie.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ amount: { currency: 'EUR', value: '2.50' } }),
    });
    expect(made.status).toBe(201);
    const re = ((await made.json()) as { id: string }).id;
    expect((await settleAtMollie(session.molliePaymentId, re)).json().outcome).toBe('processed');
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data[0].refunds).toMatchObject([{ amount: eur(250), status: 'succeeded', providerReference: re, createdBy: 'provider:mollie' }]);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('partially_refunded');
  });

  it("settles a refund from a webhook subscription's signed refund event at a store with a signing secret", async () => {
    const apiKey = p.mollie.newAccount();
    const signedShop = await mollieShop(p, 'mollie-refunds-signed', 20, mollieKeys(p, { apiKey, webhookSecret: MOLLIE_SECRET }));
    const { session, order } = await paidMollieOrder(p, signedShop.shop, signedShop.mug.variantId, 1, signedShop.post, MOLLIE_SECRET);
    expect((await orderRow(p.t, signedShop.shop.storeId, order.id)).payment_status).toBe('paid');
    const res = await refund(order.id, { paymentId: session.paymentId, amount: eur(400) }, signedShop.shop);
    expect(res.statusCode, res.body).toBe(201);
    const re = res.json().providerReference;
    p.mollie.setRefundStatus(session.molliePaymentId, re, 'refunded');
    const event = p.mollie.event('refund.refunded', re, { secret: MOLLIE_SECRET });
    const unsigned = await notifyMollie(p.t, signedShop.shop.storeId, event, { 'x-mollie-signature': undefined });
    expect(unsigned.statusCode).toBe(401);
    expect((await refundRows(p.t, signedShop.shop.storeId)).find((r) => r.id === res.json().id)?.status).toBe('pending');
    expect((await notifyMollie(p.t, signedShop.shop.storeId, event)).json().outcome).toBe('processed');
    expect((await refundRows(p.t, signedShop.shop.storeId)).find((r) => r.id === res.json().id)?.status).toBe('succeeded');
    expect((await paymentOf(session.paymentId, signedShop.shop)).refunded_amount).toBe(400);
  });
});
