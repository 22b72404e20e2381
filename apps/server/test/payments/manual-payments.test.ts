import { describe, expect, it } from 'vitest';
import { recordCashCollected } from '../../src/modules/payments/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { paths } from '../carts/fixtures.ts';
import { orderShop } from '../orders/fixtures.ts';
import { as } from '../security/fixtures.ts';
import { admin, checkout, eventsOf, orderRow, paymentRows, readyCart, refundRows, usePaymentsShop } from './fixtures.ts';

const p = usePaymentsShop((p) => orderShop(p.t, 'manual-pay', 50));

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const record = (orderId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => admin(p.t, p.shop.storeId, 'POST', `/orders/${orderId}/payments`, body, headers);

async function manualOrder(method = p.post) {
  const placed = await checkout(p.t, p.shop, await readyCart(p.t, p.shop, p.mug.variantId, 1, method), method === p.cod ? 'cash_on_delivery' : 'manual');
  if (placed.statusCode !== 201) throw new Error(placed.body);
  return placed.json() as { id: string; grandTotal: { amount: number; currency: string } };
}

describe('manual payments and cash on delivery', () => {
  it('records a bank transfer with its reference; paid in full, the pending order is confirmed', async () => {
    const order = await manualOrder();
    const total = order.grandTotal.amount;
    const part = await record(order.id, { provider: 'manual', amount: eur(1000), reference: 'NL-TRANSFER-0001' });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({ orderId: order.id, provider: 'manual', status: 'succeeded', amount: eur(1000), captured: eur(1000), providerReference: 'NL-TRANSFER-0001', createdBy: expect.stringMatching(/^staff:/) });
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'pending', payment_status: 'unpaid' });
    const rest = await record(order.id, { provider: 'manual', amount: eur(total - 1000), reference: 'NL-TRANSFER-0002' });
    expect(rest.statusCode).toBe(201);
    expect(await orderRow(p.t, p.shop.storeId, order.id)).toEqual({ status: 'confirmed', payment_status: 'paid' });
    const listed = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments`)).json();
    expect(listed.data.map((d: { providerReference: string }) => d.providerReference)).toEqual(['NL-TRANSFER-0001', 'NL-TRANSFER-0002']);
    expect(listed.nextCursor).toBeNull();
    const page = (await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments?limit=1`)).json();
    expect(page.data).toHaveLength(1);
    expect((await admin(p.t, p.shop.storeId, 'GET', `/orders/${order.id}/payments?limit=1&cursor=${page.nextCursor}`)).json().data[0].providerReference).toBe('NL-TRANSFER-0002');
    const events = (await eventsOf(p.t, p.shop.storeId, 'payment.succeeded')).filter((e) => (e.payload as { orderId: string }).orderId === order.id);
    expect(events).toHaveLength(2);
  });

  it('refuses a reference already recorded (409), more than is due and another currency (422), naming the field; nothing written', async () => {
    const order = await manualOrder();
    expect((await record(order.id, { provider: 'manual', amount: eur(100), reference: 'REF-TAKEN' })).statusCode).toBe(201);
    const rows = (await paymentRows(p.t, p.shop.storeId)).length;
    const taken = await record(order.id, { provider: 'manual', amount: eur(100), reference: 'REF-TAKEN' });
    expect([taken.statusCode, taken.json().code, paths(taken)]).toEqual([409, 'PAYMENT_REFERENCE_TAKEN', ['body.reference']]);
    const tooMuch = await record(order.id, { provider: 'manual', amount: eur(order.grandTotal.amount), reference: 'REF-MORE' });
    expect([tooMuch.statusCode, tooMuch.json().code, paths(tooMuch)]).toEqual([422, 'PAYMENT_EXCEEDS_AMOUNT_DUE', ['body.amount.amount']]);
    const currency = await record(order.id, { provider: 'manual', amount: { amount: 100, currency: 'USD' }, reference: 'REF-USD' });
    expect([currency.statusCode, paths(currency)]).toEqual([422, ['body.amount.currency']]);
    const noReference = await record(order.id, { provider: 'manual', amount: eur(100) });
    expect([noReference.statusCode, noReference.headers['content-type']]).toEqual([422, 'application/problem+json; charset=utf-8']);
    expect(paths(noReference)).toEqual(['body.reference']);
    const stripe = await record(order.id, { provider: 'stripe', amount: eur(100), reference: 'REF-X' });
    expect(paths(stripe)).toEqual(['body.provider']);
    expect((await paymentRows(p.t, p.shop.storeId)).length).toBe(rows);
  });

  it('replays a payment sent again with the same Idempotency-Key: recorded once', async () => {
    const order = await manualOrder();
    const headers = { 'idempotency-key': `manual-${order.id}` };
    const first = await record(order.id, { provider: 'manual', amount: eur(200), reference: `REF-${order.id}` }, headers);
    const again = await record(order.id, { provider: 'manual', amount: eur(200), reference: `REF-${order.id}` }, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await paymentRows(p.t, p.shop.storeId)).filter((r) => r.order_id === order.id)).toHaveLength(1);
  });

  it('needs payments:refund to record and payments:read to list', async () => {
    const order = await manualOrder();
    const asRole = (role: 'sales_rep' | 'accountant' | 'manager', method: 'GET' | 'POST') =>
      p.t.app.inject({ method, url: `/api/v1/admin/orders/${order.id}/payments`, headers: as(role, p.shop.storeId), ...(method === 'POST' ? { payload: { provider: 'manual', amount: eur(1), reference: `R-${role}` } } : {}) });
    expect((await asRole('sales_rep', 'POST')).statusCode).toBe(403);
    expect((await asRole('accountant', 'POST')).statusCode).toBe(403);
    expect((await asRole('accountant', 'GET')).statusCode).toBe(200);
    expect((await asRole('manager', 'POST')).statusCode).toBe(201);
  });

  it('refunds a manual payment by hand: settled at once, without a provider', async () => {
    const order = await manualOrder();
    const paid = (await record(order.id, { provider: 'manual', amount: eur(order.grandTotal.amount), reference: `FULL-${order.id}` })).json();
    const requests = p.stripe.requests.length;
    const res = await admin(p.t, p.shop.storeId, 'POST', `/orders/${order.id}/refunds`, { paymentId: paid.id, amount: eur(300), reason: 'Damaged' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'succeeded', providerReference: null });
    expect(p.stripe.requests.length).toBe(requests);
    expect((await refundRows(p.t, p.shop.storeId)).filter((r) => r.payment_id === paid.id)).toMatchObject([{ status: 'succeeded', amount: 300 }]);
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('partially_refunded');
  });

  it('records cash collected at the door (the delivery desk’s call): the order paid and the payment counted', async () => {
    const order = await manualOrder(p.cod);
    const ctx = systemCtx(p.t.log, 'delivery-desk', p.shop.storeId);
    const id = await inTransaction(p.t.database.db, { tenantId: p.shop.storeId }, (tx) =>
      recordCashCollected(tx, ctx, p.shop.storeId, { orderId: order.id, amount: order.grandTotal.amount, currency: 'EUR', reference: `COD-${order.id}` }),
    );
    expect((await paymentRows(p.t, p.shop.storeId)).find((r) => r.id === id)).toMatchObject({ provider: 'cash_on_delivery', status: 'succeeded', captured_amount: order.grandTotal.amount });
    expect((await orderRow(p.t, p.shop.storeId, order.id)).payment_status).toBe('paid');
    expect((await p.t.app.inject({ url: '/metrics' })).body).toMatch(/payments_total\{provider="cash_on_delivery",status="succeeded"\} [1-9]/);
  });
});
