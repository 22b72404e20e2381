import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { signMollie } from './fake-mollie.ts';
import { admin, orderRow, paymentsTest, paymentStateOf, type PaymentsTest, type Shop } from './fixtures.ts';
import { MOLLIE_SECRET, mollieCheckout, mollieCount, mollieKeys, mollieShop, notifyMollie } from './mollie-fixtures.ts';

let p: PaymentsTest;
/** Takes Mollie's unsigned per-payment notifications. */
let shop: Shop;
/** Takes only notifications signed with MOLLIE_SECRET, from its own Mollie account. */
let signed: Shop;
/** Another store with its own Mollie account. */
let other: Shop;
/** Another store that shares `shop`'s Mollie account (one merchant, two stores). */
let twin: Shop;
const setup: Record<string, { post: string; variantId: string }> = {};
beforeAll(async () => {
  p = await paymentsTest();
  const made = async (handle: string, keys: Record<string, unknown>) => {
    const s = await mollieShop(p, handle, 50, keys);
    setup[s.shop.storeId] = { post: s.post, variantId: s.mug.variantId };
    return s.shop;
  };
  shop = await made('mollie-hooks', mollieKeys(p));
  signed = await made('mollie-hooks-signed', mollieKeys(p, { apiKey: p.mollie.newAccount(), webhookSecret: MOLLIE_SECRET }));
  other = await made('mollie-hooks-other', mollieKeys(p, { apiKey: p.mollie.newAccount() }));
  twin = await made('mollie-hooks-twin', mollieKeys(p));
});
afterAll(() => p.close());

/** An order checked out with Mollie whose payment Mollie now reports paid, the notification not yet sent. */
async function awaitingNotification(s: Shop = shop) {
  const placed = await mollieCheckout(p, s, setup[s.storeId]!.variantId, 1, setup[s.storeId]!.post);
  p.mollie.setPaymentStatus(placed.session.molliePaymentId, 'paid');
  return { ...placed, tr: placed.session.molliePaymentId };
}

const stateOf = (storeId: string) => paymentStateOf(p.t, storeId);

describe('Mollie webhooks', () => {
  it('applies a change once: the same notification again answers 200 and changes nothing', async () => {
    const { session, order, tr } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const first = await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr));
    expect(first.json()).toEqual({ received: true, outcome: 'processed' });
    const after = await stateOf(shop.storeId);
    for (let i = 0; i < 2; i++) {
      const again = await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr));
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ received: true, outcome: 'duplicate' });
    }
    expect(await stateOf(shop.storeId)).toEqual(after);
    expect(after.receipts).toBe(before.receipts + 1);
    expect(after.succeeded).toBe(before.succeeded + 1);
    expect(after.payments.find((r) => r.id === session.paymentId)?.status).toBe('succeeded');
    expect(await orderRow(p.t, shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('applies 12 concurrent copies of one notification exactly once: one event, one status move', async () => {
    const { session, order, tr } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const counted = await mollieCount(p.t, 'succeeded');
    const answers = await Promise.all(Array.from({ length: 12 }, () => notifyMollie(p.t, shop.storeId, p.mollie.notification(tr))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
    expect(answers.map((a) => a.json().outcome).sort()).toEqual([...Array(11).fill('duplicate'), 'processed']);
    const after = await stateOf(shop.storeId);
    expect(after.receipts).toBe(before.receipts + 1);
    expect(after.succeeded).toBe(before.succeeded + 1);
    expect(after.payments.find((r) => r.id === session.paymentId)).toMatchObject({ status: 'succeeded', captured_amount: order.grandTotal.amount });
    expect(await mollieCount(p.t, 'succeeded')).toBe(counted + 1);
    const detail = await admin(p.t, shop.storeId, 'GET', `/orders/${order.id}`);
    expect(detail.json().history.filter((h: { to: string }) => h.to === 'confirmed')).toHaveLength(1);
  });

  it('answers 401 to a missing, forged, tampered or garbled X-Mollie-Signature for a store with a signing secret, without asking Mollie, and changes nothing', async () => {
    const { tr, order } = await awaitingNotification(signed);
    const before = await stateOf(signed.storeId);
    const asked = p.mollie.requests.length;
    const notice = p.mollie.notification(tr, { secret: MOLLIE_SECRET });
    const unsigned = await notifyMollie(p.t, signed.storeId, p.mollie.notification(tr));
    const forged = await notifyMollie(p.t, signed.storeId, p.mollie.notification(tr, { secret: 'not-the-stores-secret-at-all' }));
    const tampered = await notifyMollie(p.t, signed.storeId, { ...p.mollie.notification('tr_SomebodyElse1'), headers: notice.headers });
    const garbled = await notifyMollie(p.t, signed.storeId, notice, { 'x-mollie-signature': 'sha256=nonsense' });
    for (const res of [unsigned, forged, tampered, garbled]) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    expect(p.mollie.requests.length).toBe(asked);
    expect(await stateOf(signed.storeId)).toEqual(before);
    // Signed with the store's secret, the same notification goes through.
    expect((await notifyMollie(p.t, signed.storeId, notice)).json().outcome).toBe('processed');
    expect(await orderRow(p.t, signed.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it("takes a webhook subscription's signed event and its copies once", async () => {
    const { tr, order } = await awaitingNotification(signed);
    const before = await stateOf(signed.storeId);
    const event = p.mollie.event('payment.paid', tr, { secret: MOLLIE_SECRET });
    const answers = await Promise.all([1, 2, 3].map(() => notifyMollie(p.t, signed.storeId, event)));
    expect(answers.map((a) => a.json().outcome).sort()).toEqual(['duplicate', 'duplicate', 'processed']);
    expect((await stateOf(signed.storeId)).succeeded).toBe(before.succeeded + 1);
    expect(await orderRow(p.t, signed.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('answers 401 to a signed notification at a store that has no signing secret', async () => {
    const { tr } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    const res = await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr, { secret: MOLLIE_SECRET }));
    expect([res.statusCode, res.json().code]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    expect(await stateOf(shop.storeId)).toEqual(before);
  });

  it("answers 400 to another store's payment, from another Mollie account or the same one, and changes neither store", async () => {
    const theirs = await awaitingNotification(other);
    const shared = await awaitingNotification(twin);
    const [mine, theirsBefore, twinBefore] = [await stateOf(shop.storeId), await stateOf(other.storeId), await stateOf(twin.storeId)];
    for (const tr of [theirs.tr, shared.tr]) {
      const res = await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('WEBHOOK_NOT_ACCEPTED');
    }
    expect(await stateOf(shop.storeId)).toEqual(mine);
    expect(await stateOf(other.storeId)).toEqual(theirsBefore);
    expect(await stateOf(twin.storeId)).toEqual(twinBefore);
    // At the right store the same notifications are applied.
    expect((await notifyMollie(p.t, other.storeId, p.mollie.notification(theirs.tr))).json().outcome).toBe('processed');
    expect((await notifyMollie(p.t, twin.storeId, p.mollie.notification(shared.tr))).json().outcome).toBe('processed');
  });

  it("answers 400 when the Mollie payment names another order's payment as ours, and changes neither", async () => {
    const first = await awaitingNotification();
    const second = await mollieCheckout(p, shop, setup[shop.storeId]!.variantId, 1, setup[shop.storeId]!.post);
    p.mollie.setMetadata(first.tr, { paymentId: second.session.paymentId, tenantId: shop.storeId });
    const before = await stateOf(shop.storeId);
    const res = await notifyMollie(p.t, shop.storeId, p.mollie.notification(first.tr));
    expect([res.statusCode, res.json().code]).toEqual([400, 'WEBHOOK_NOT_ACCEPTED']);
    expect(await stateOf(shop.storeId)).toEqual(before);
    expect(await orderRow(p.t, shop.storeId, first.order.id)).toEqual({ status: 'pending', payment_status: 'pending' });
    expect(await orderRow(p.t, shop.storeId, second.order.id)).toEqual({ status: 'pending', payment_status: 'pending' });
  });

  it('answers 400 to a notification that names no payment, or one Mollie does not know', async () => {
    const before = await stateOf(shop.storeId);
    const noId = await notifyMollie(p.t, shop.storeId, { rawBody: Buffer.from('hello=world'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const unknown = await notifyMollie(p.t, shop.storeId, p.mollie.notification('tr_NoSuchPayment1'));
    const notJson = await notifyMollie(p.t, shop.storeId, { rawBody: Buffer.from('{"entityId": '), headers: { 'content-type': 'application/json' } });
    for (const res of [noId, unknown, notJson]) expect([res.statusCode, res.json().code]).toEqual([400, 'WEBHOOK_NOT_ACCEPTED']);
    expect(await stateOf(shop.storeId)).toEqual(before);
  });

  it('answers 503 while Mollie cannot be asked, so Mollie sends it again, and the retry is applied', async () => {
    const { tr, order } = await awaitingNotification();
    const before = await stateOf(shop.storeId);
    p.mollie.answerNext(503, 'Service temporarily unavailable');
    const down = await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr));
    expect([down.statusCode, down.json().code]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    expect(await stateOf(shop.storeId)).toEqual(before);
    expect((await notifyMollie(p.t, shop.storeId, p.mollie.notification(tr))).json().outcome).toBe('processed');
    expect(await orderRow(p.t, shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
  });

  it('answers 404 for a store without a Mollie account', async () => {
    const res = await notifyMollie(p.t, uuidv7(), p.mollie.notification('tr_AnyPayment1'));
    expect(res.statusCode).toBe(404);
    const body = Buffer.from('id=tr_AnyPayment1');
    expect((await notifyMollie(p.t, uuidv7(), { rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-mollie-signature': signMollie(body, MOLLIE_SECRET) } })).statusCode).toBe(404);
  });
});
