import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { paths } from '../carts/fixtures.ts';
import { staff } from '../orders/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { asAgent, assigned, codOrder, countRows, deliveryShop, eventsOf, outForDelivery, paymentsOf, stockOf, type DeliveryShop } from './fixtures.ts';

let t: TestApp;
let s: DeliveryShop;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  s = await deliveryShop(t, 'desk-round');
});
afterAll(() => t.close());

const order = (id: string) => staff(t, s.shop.storeId, 'GET', `/orders/${id}`).then((r) => r.json());
const attempt = (agentId: string, id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  asAgent(t, s.shop.storeId, agentId, 'POST', `/my-deliveries/${id}/attempts`, payload, headers);
const mine = (agentId: string, query = '') => asAgent(t, s.shop.storeId, agentId, 'GET', `/my-deliveries${query}`).then((r) => (r.json() as { data: Array<{ id: string }> }).data.map((d) => d.id));
const tomorrow = () => new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);

describe("an agent's round", () => {
  it('shows each agent only their own deliveries, with where to go', async () => {
    const a = await codOrder(t, s);
    const b = await codOrder(t, s);
    const forAna = await assigned(t, s.shop.storeId, a.id, s.ana);
    const forBen = await assigned(t, s.shop.storeId, b.id, s.ben);
    expect(await mine(s.ana)).toContain(forAna);
    expect(await mine(s.ana)).not.toContain(forBen);
    expect(await mine(s.ben)).toContain(forBen);
    expect(await mine(s.ben)).not.toContain(forAna);
    const one = await asAgent(t, s.shop.storeId, s.ana, 'GET', `/my-deliveries/${forAna}`);
    expect(one.json()).toMatchObject({ id: forAna, customerName: 'Kim Buyer', shippingAddress: { city: 'Utrecht' }, cashDue: a.grandTotal });
  });

  it("answers 404 to an agent touching another agent's delivery, as for an unknown one, changing nothing", async () => {
    const o = await codOrder(t, s);
    const id = await assigned(t, s.shop.storeId, o.id, s.ben);
    const calls = [
      asAgent(t, s.shop.storeId, s.ana, 'GET', `/my-deliveries/${id}`),
      asAgent(t, s.shop.storeId, s.ana, 'POST', `/my-deliveries/${id}/start`),
      attempt(s.ana, id, { outcome: 'failed', reason: 'nobody home' }),
      attempt(s.ana, '0190a000-0000-7000-8000-000000000000', { outcome: 'failed', reason: 'nobody home' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('DELIVERY_NOT_FOUND');
    }
    expect((await order(o.id)).status).toBe('confirmed');
    expect(await countRows(t, 'delivery_attempts', s.shop.storeId)).toBe(0);
  });

  it('starting the round moves the order out for delivery through the status table and sells its stock', async () => {
    const before = await stockOf(t, s.shop.storeId, s.mug.variantId);
    const o = await codOrder(t, s, 3);
    const id = await assigned(t, s.shop.storeId, o.id, s.ana);
    const res = await asAgent(t, s.shop.storeId, s.ana, 'POST', `/my-deliveries/${id}/start`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'out_for_delivery', order: { status: 'out_for_delivery' } });
    const history = (await order(o.id)).history.map((h: { to: string }) => h.to);
    expect(history).toEqual(['pending', 'confirmed', 'processing', 'out_for_delivery']);
    expect(await stockOf(t, s.shop.storeId, s.mug.variantId)).toEqual({ onHand: before.onHand - 3, reserved: before.reserved, available: before.available - 3 });
    const again = await asAgent(t, s.shop.storeId, s.ana, 'POST', `/my-deliveries/${id}/start`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DELIVERY_STATUS_CONFLICT', errors: [{ path: 'status', message: 'is out_for_delivery' }] });
  });

  it('records a failed attempt only with a reason, then lets the agent go out again', async () => {
    const o = await codOrder(t, s);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ana);
    const noReason = await attempt(s.ana, id, { outcome: 'failed' });
    expect(noReason.statusCode).toBe(422);
    expect(paths(noReason)).toContain('body.reason');
    const blank = await attempt(s.ana, id, { outcome: 'failed', reason: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(await countRows(t, 'delivery_attempts', s.shop.storeId)).toBe(0);

    const failed = await attempt(s.ana, id, { outcome: 'failed', reason: 'nobody home', note: 'left a card' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'attempt_failed', attemptCount: 1, order: { status: 'shipped' }, attempts: [{ outcome: 'failed', reason: 'nobody home', note: 'left a card', agentId: s.ana }] });
    expect(await mine(s.ana)).toContain(id);
    const events = (await eventsOf(t, s.shop.storeId, 'delivery.attempted')).filter((e) => e.subjectId === id);
    expect(events.map((e) => e.payload)).toMatchObject([{ deliveryId: id, orderId: o.id, agentId: s.ana, attempt: 1, outcome: 'failed', reason: 'nobody home', cashCollected: null }]);

    const out = await asAgent(t, s.shop.storeId, s.ana, 'POST', `/my-deliveries/${id}/start`);
    expect(out.json()).toMatchObject({ status: 'out_for_delivery', order: { status: 'out_for_delivery' } });
  });

  it('reschedules to a day that is not over in the store, and refuses one that is', async () => {
    const o = await codOrder(t, s);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ana);
    expect(paths(await attempt(s.ana, id, { outcome: 'rescheduled' }))).toContain('body.scheduledFor');
    const past = await attempt(s.ana, id, { outcome: 'rescheduled', scheduledFor: '2021-03-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'DELIVERY_DATE_IN_PAST', errors: [{ path: 'body.scheduledFor' }] });
    const day = tomorrow();
    const res = await attempt(s.ana, id, { outcome: 'rescheduled', scheduledFor: day, reason: 'customer asked' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rescheduled', scheduledFor: day, attemptCount: 1, attempts: [{ outcome: 'rescheduled', rescheduledFor: day }] });
    expect(await mine(s.ana, `?scheduledFor=${day}`)).toEqual([id]);
  });

  it('a handover records the cash as a payment, marks the order paid and delivered, and announces it', async () => {
    const o = await codOrder(t, s, 2);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ana);
    const wrongCurrency = await attempt(s.ana, id, { outcome: 'delivered', cashCollected: { amount: o.grandTotal.amount, currency: 'USD' } });
    expect(wrongCurrency.statusCode).toBe(422);
    expect(wrongCurrency.json()).toMatchObject({ code: 'DELIVERY_CURRENCY_MISMATCH', errors: [{ path: 'body.cashCollected.currency', message: 'must be EUR' }] });
    expect(paths(await attempt(s.ana, id, { outcome: 'delivered', cashCollected: { amount: -1, currency: 'EUR' } }))).toContain('body.cashCollected.amount');
    expect(await paymentsOf(t, s.shop.storeId, o.id)).toEqual([]);

    const res = await attempt(s.ana, id, { outcome: 'delivered', cashCollected: o.grandTotal });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'delivered', cashCollected: o.grandTotal, attemptCount: 1, collectedOn: new Date().toISOString().slice(0, 10) });
    expect(await paymentsOf(t, s.shop.storeId, o.id)).toMatchObject([
      { provider: 'cash_on_delivery', status: 'succeeded', amount: o.grandTotal.amount, captured_amount: o.grandTotal.amount, currency: 'EUR', provider_reference: `delivery:${id}` },
    ]);
    expect(await order(o.id)).toMatchObject({ status: 'delivered', paymentStatus: 'paid' });

    const completed = (await eventsOf(t, s.shop.storeId, 'delivery.completed')).filter((e) => e.subjectId === id);
    expect(completed.map((e) => e.payload)).toMatchObject([{ deliveryId: id, orderId: o.id, agentId: s.ana, cashDue: o.grandTotal, cashCollected: o.grandTotal }]);
    expect((await eventsOf(t, s.shop.storeId, 'delivery.attempted')).filter((e) => e.subjectId === id).map((e) => e.payload)).toMatchObject([{ outcome: 'delivered', cashCollected: o.grandTotal }]);
    expect((await eventsOf(t, s.shop.storeId, 'payment.succeeded')).filter((e) => (e.payload as { orderId: string }).orderId === o.id)).toHaveLength(1);

    // Delivered deliveries drop off the open list but stay findable by status.
    expect(await mine(s.ana)).not.toContain(id);
    expect(await mine(s.ana, '?status=delivered')).toContain(id);
    const late = await attempt(s.ana, id, { outcome: 'failed', reason: 'second thoughts' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'DELIVERY_STATUS_CONFLICT', errors: [{ path: 'status', message: 'is delivered' }] });
    expect(late.json().detail).toContain('delivered');
  });

  it('accepts less cash than due, recording what was collected (the order stays unpaid in part)', async () => {
    const o = await codOrder(t, s);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ben);
    const short = o.grandTotal.amount - 100;
    const res = await attempt(s.ben, id, { outcome: 'delivered', cashCollected: { amount: short, currency: 'EUR' } });
    expect(res.json()).toMatchObject({ status: 'delivered', cashDue: o.grandTotal, cashCollected: { amount: short, currency: 'EUR' } });
    expect(await paymentsOf(t, s.shop.storeId, o.id)).toMatchObject([{ amount: short }]);
    expect((await order(o.id)).paymentStatus).not.toBe('paid');
  });

  it('lets exactly one of many concurrent handovers of the same delivery through', async () => {
    const o = await codOrder(t, s);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ana);
    const results = await Promise.all(Array.from({ length: 6 }, () => attempt(s.ana, id, { outcome: 'delivered', cashCollected: o.grandTotal })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await paymentsOf(t, s.shop.storeId, o.id)).toHaveLength(1);
    expect((await eventsOf(t, s.shop.storeId, 'delivery.completed')).filter((e) => e.subjectId === id)).toHaveLength(1);
    expect((await asAgent(t, s.shop.storeId, s.ana, 'GET', `/my-deliveries/${id}`)).json()).toMatchObject({ attemptCount: 1, attempts: [{ outcome: 'delivered' }] });
  });

  it('replays a handover sent again with the same Idempotency-Key', async () => {
    const o = await codOrder(t, s);
    const id = await outForDelivery(t, s.shop.storeId, o.id, s.ben);
    const key = { 'idempotency-key': `handover-${id}` };
    const first = await attempt(s.ben, id, { outcome: 'delivered', cashCollected: o.grandTotal }, key);
    const again = await attempt(s.ben, id, { outcome: 'delivered', cashCollected: o.grandTotal }, key);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await paymentsOf(t, s.shop.storeId, o.id)).toHaveLength(1);
  });

  it('counts attempts in deliveries_total by outcome on /metrics', async () => {
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/deliveries_total\{outcome="delivered"\} [4-9]/);
    expect(metrics).toMatch(/deliveries_total\{outcome="failed"\} 1/);
    expect(metrics).toMatch(/deliveries_total\{outcome="rescheduled"\} 1/);
    // The desk's order moves count as order moves.
    expect(metrics).toMatch(/orders_total\{status="out_for_delivery"\} [1-9]/);
  });
});
