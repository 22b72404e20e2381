import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { confirmationMailsOf } from '../orders/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, answers, createForm, eur, footprint, formShop, formToken, paths, postOrder, receive, SHOP_ORIGIN, stockOf } from './fixtures.ts';

let t: TestApp;
let storeId: string;
let cod: string;
let mug: { productId: string; variantId: string };
let formId: string;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ storeId, cod, mug } = await formShop(t, 'forms-orders', 20));
  formId = (await createForm(t, storeId, cod, mug.variantId)).id;
});
afterAll(() => t.close());

const orderRow = async (number: number) =>
  (await t.database.db.execute<Record<string, unknown>>(sql`select * from orders where tenant_id = ${storeId} and number = ${number}`)).rows[0]!;

describe('ordering through a checkout form', () => {
  it('places a pending cash-on-delivery order with stock reserved, and tells the shopper only its number, total and the message', async () => {
    const stockBefore = await stockOf(t, storeId, mug.variantId);
    const token = await formToken(t, storeId, 'order-now');
    const res = await postOrder(t, storeId, 'order-now', answers(token, mug.variantId, { items: [{ variantId: mug.variantId, quantity: 2 }], note: 'Ring twice' }));
    expect(res.statusCode, res.body).toBe(201);
    // 2 × 12.10 + 6.00 delivery + 2.00 cash-on-delivery fee.
    expect(res.json()).toEqual({ orderNumber: expect.any(Number), total: eur(3220), message: 'Thank you! We will call you before delivery.' });
    const { orderNumber } = res.json();
    const row = await orderRow(orderNumber);
    expect(row).toMatchObject({
      status: 'pending',
      payment_method: 'cash_on_delivery',
      source: 'checkout_form',
      checkout_form_id: formId,
      phone: '+31612345678',
      customer_name: 'Sam Koper',
      email: 'phone-31612345678@no-email.invalid',
    });
    expect(row.shipping_address).toMatchObject({ name: 'Sam Koper', line1: 'Dorpsstraat 5', city: 'Zwolle', postalCode: '8011 AB', country: 'NL', phone: '+31612345678', note: 'Ring twice' });
    expect(await stockOf(t, storeId, mug.variantId)).toEqual({ ...stockBefore, reserved: stockBefore.reserved + 2, available: stockBefore.available - 2 });
    const staffView = await admin(t, storeId, 'GET', `/orders/${row.id as string}`);
    expect(staffView.json()).toMatchObject({ number: orderNumber, paymentMethod: 'cash_on_delivery', lines: [{ variantId: mug.variantId, quantity: 2 }] });
    const events = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => listDomainEvents(tx, storeId, { type: 'order.created', limit: 100 }));
    expect(events.filter((e) => e.subjectId === row.id)).toHaveLength(1);
    // No email given: nothing to confirm by mail.
    expect(await confirmationMailsOf(t, storeId, orderNumber)).toHaveLength(0);
  });

  it('keeps the email the shopper gives, in lower case', async () => {
    const res = await postOrder(t, storeId, 'order-now', answers(await formToken(t, storeId, 'order-now'), mug.variantId, { email: 'Sam@Example.TEST', phone: '+32 470 12 34 56' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(await orderRow(res.json().orderNumber)).toMatchObject({ email: 'sam@example.test', phone: '+32470123456' });
    const mails = await confirmationMailsOf(t, storeId, res.json().orderNumber);
    expect(mails.map((m) => m.to)).toEqual([['sam@example.test']]);
  });

  it('refuses a phone number that is not valid for the form’s country with 422 naming phone, and writes nothing', async () => {
    const token = await formToken(t, storeId, 'order-now');
    const before = await footprint(t, storeId, mug.variantId);
    for (const phone of ['12345', '06 1234', 'call me', '+1 555 0000']) {
      const res = await postOrder(t, storeId, 'order-now', answers(token, mug.variantId, { phone }));
      expect(res.statusCode, phone).toBe(422);
      expect(paths(res), phone).toEqual(['body.phone']);
    }
    expect(await footprint(t, storeId, mug.variantId)).toEqual(before);
  });

  it('names every field the form wants otherwise: a required one left out, a hidden one filled in, items it does not sell or too many', async () => {
    const other = await addProduct(t, storeId, 'Not on the form', 900);
    const token = await formToken(t, storeId, 'order-now');
    const before = await footprint(t, storeId, mug.variantId);
    const res = await postOrder(t, storeId, 'order-now', {
      ...answers(token, mug.variantId),
      phone: '',
      company: 'Acme',
      postalCode: null,
      items: [{ variantId: mug.variantId, quantity: 6 }, { variantId: other.variantId, quantity: 1 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_FORM_POST_INVALID' });
    // The page may read the refusal, to show each problem next to its field.
    expect(res.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    expect(paths(res).sort()).toEqual(['body.company', 'body.items.0.quantity', 'body.items.1.variantId', 'body.phone', 'body.postalCode']);
    const missing = await postOrder(t, storeId, 'order-now', { formToken: token, items: [] });
    expect(missing.statusCode).toBe(422);
    expect(paths(missing)).toEqual(expect.arrayContaining(['body.items', 'body.name', 'body.line1', 'body.city', 'body.country']));
    expect(await footprint(t, storeId, mug.variantId)).toEqual(before);
  });

  it('refuses a sold-out item with 409 naming it, and holds no stock', async () => {
    const scarce = await addProduct(t, storeId, 'Scarce', 2000);
    await receive(t, storeId, scarce.variantId, 1);
    await createForm(t, storeId, cod, scarce.variantId, { slug: 'scarce' });
    const token = await formToken(t, storeId, 'scarce');
    const before = await footprint(t, storeId, scarce.variantId);
    const res = await postOrder(t, storeId, 'scarce', answers(token, scarce.variantId, { items: [{ variantId: scarce.variantId, quantity: 2 }] }));
    expect(res.statusCode).toBe(409);
    expect(paths(res)).toEqual(['body.items.0.quantity']);
    expect(await footprint(t, storeId, scarce.variantId)).toEqual(before);
    expect((await postOrder(t, storeId, 'scarce', answers(token, scarce.variantId))).statusCode).toBe(201);
    expect((await postOrder(t, storeId, 'scarce', answers(token, scarce.variantId))).statusCode).toBe(409);
    expect(await stockOf(t, storeId, scarce.variantId)).toEqual({ onHand: 1, reserved: 1, available: 0 });
  });

  it('answers 503 and writes nothing when the form’s delivery is no longer offered', async () => {
    const courier = (await admin(t, storeId, 'POST', '/shipping-methods', { name: 'Bike courier', kind: 'cash_on_delivery', price: eur(300), codFee: eur(100) })).json().id as string;
    await createForm(t, storeId, courier, mug.variantId, { slug: 'bike' });
    const token = await formToken(t, storeId, 'bike');
    expect((await admin(t, storeId, 'PATCH', `/shipping-methods/${courier}`, { active: false })).statusCode).toBe(200);
    const before = await footprint(t, storeId, mug.variantId);
    const res = await postOrder(t, storeId, 'bike', answers(token, mug.variantId));
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_FORM_UNAVAILABLE' });
    expect(await footprint(t, storeId, mug.variantId)).toEqual(before);
  });

  it('replays an Idempotency-Key of the same post with the same order, and keeps keys per client IP', async () => {
    const token = await formToken(t, storeId, 'order-now');
    const body = answers(token, mug.variantId);
    const headers = { 'idempotency-key': 'form-post-1' };
    const before = await footprint(t, storeId, mug.variantId);
    const results = await Promise.all([1, 2, 3].map(() => postOrder(t, storeId, 'order-now', body, { headers })));
    const placed = results.filter((r) => r.statusCode === 201);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 409), results.map((r) => r.statusCode).join()).toBe(true);
    const replay = await postOrder(t, storeId, 'order-now', body, { headers });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    expect(new Set([...placed, replay].map((r) => r.json().orderNumber)).size).toBe(1);
    expect((await footprint(t, storeId, mug.variantId)).orders).toBe(before.orders + 1);
    // The same key from another shopper's address is another post.
    const elsewhere = await postOrder(t, storeId, 'order-now', body, { headers, ip: '198.51.100.7' });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json().orderNumber).not.toBe(replay.json().orderNumber);
    expect((await footprint(t, storeId, mug.variantId)).orders).toBe(before.orders + 2);
  });
});
