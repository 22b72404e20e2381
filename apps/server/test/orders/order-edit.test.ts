import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCashCollected } from '../../src/modules/payments/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { listDomainEvents } from '../../src/platform/events/index.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { paths } from '../carts/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { editFootprint, editOrder, editShop, editsOf, move, placeOrder, reservationsOf, reservedDrift, usesOf } from './order-edit-fixtures.ts';
import { eur, ledgerDifferences, ledgerOf, setUp, staff, stockOf, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let ids: Awaited<ReturnType<typeof editShop>>;
let other: Awaited<ReturnType<typeof editShop>>;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ids = await editShop(t, 'orders-edit', 40);
  shop = ids.shop;
  other = await editShop(t, 'orders-edit-other', 5);
});
afterAll(() => t.close());

const edit = (orderId: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) => editOrder(t, shop.storeId, orderId, payload, headers);

describe('editing an order before fulfilment', () => {
  it('reserves and releases exactly the difference as quantities go up, down, to 0 and new lines come', async () => {
    const [mugBefore, plateBefore] = [await stockOf(t, shop.storeId, ids.mug.variantId), await stockOf(t, shop.storeId, ids.plate.variantId)];
    const order = await placeOrder(t, shop, ids.mug.variantId, 2, ids.post);
    const mugLine = order.lines[0]!.id;

    const up = await edit(order.id, { lines: [{ lineId: mugLine, quantity: 5 }] });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().lines).toMatchObject([{ id: mugLine, quantity: 5, unitPrice: eur(1210), total: eur(6050) }]);
    // 5 × 12.10 + 4.95
    expect(up.json().grandTotal).toEqual(eur(6545));
    expect(await stockOf(t, shop.storeId, ids.mug.variantId)).toEqual({ onHand: mugBefore.onHand, reserved: mugBefore.reserved + 5, available: mugBefore.available - 5 });

    const down = await edit(order.id, { lines: [{ lineId: mugLine, quantity: 1 }], addLines: [{ variantId: ids.plate.variantId, quantity: 3 }] });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json().lines).toMatchObject([{ quantity: 1 }, { variantId: ids.plate.variantId, name: 'Plate', quantity: 3, unitPrice: eur(500) }]);
    expect((await stockOf(t, shop.storeId, ids.mug.variantId)).reserved).toBe(mugBefore.reserved + 1);
    expect((await stockOf(t, shop.storeId, ids.plate.variantId)).reserved).toBe(plateBefore.reserved + 3);

    const removed = await edit(order.id, { lines: [{ lineId: mugLine, quantity: 0 }] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().lines).toMatchObject([{ variantId: ids.plate.variantId, quantity: 3 }]);
    expect(removed.json().grandTotal).toEqual(eur(1500 + 495));
    expect(await stockOf(t, shop.storeId, ids.mug.variantId)).toEqual(mugBefore);
    expect(await stockOf(t, shop.storeId, ids.plate.variantId)).toEqual({ ...plateBefore, reserved: plateBefore.reserved + 3, available: plateBefore.available - 3 });
    // Held stock never touches on_hand: no ledger rows for the order, and the figures still equal the ledger.
    expect((await ledgerOf(t, shop.storeId, ids.mug.variantId)).filter((m) => m.reference === `order:${order.id}`)).toEqual([]);
    expect((await reservationsOf(t, shop.storeId, order.id)).filter((r) => r.status === 'active')).toEqual([{ variantId: ids.plate.variantId, quantity: 3, status: 'active' }]);
    expect(await reservedDrift(t, shop.storeId)).toEqual([]);
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);

    // Shipping sells exactly what the edited order holds.
    for (const status of ['confirmed', 'processing', 'shipped']) expect((await move(t, shop.storeId, order.id, status)).statusCode).toBe(200);
    expect((await ledgerOf(t, shop.storeId, ids.plate.variantId)).filter((m) => m.reference === `order:${order.id}`).map((m) => [m.kind, m.quantity])).toEqual([['sale', -3]]);
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
  });

  it("keeps sold lines at the price and tax rate they were sold at, and sells an added line at today's", async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 2, ids.post);
    await setUp(t, shop.storeId, 'PATCH', `/catalog/products/${ids.mug.productId}/variants/${ids.mug.variantId}`, { price: eur(1500) });
    await setUp(t, shop.storeId, 'PATCH', `/catalog/products/${ids.plate.productId}/variants/${ids.plate.variantId}`, { price: eur(545) });
    await setUp(t, shop.storeId, 'PATCH', `/tax-rates/${ids.standardRate}`, { ratePpm: 90_000 });
    try {
      const res = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 3 }], addLines: [{ variantId: ids.plate.variantId, quantity: 1 }] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().lines).toMatchObject([
        { variantId: ids.mug.variantId, quantity: 3, unitPrice: eur(1210), taxRatePpm: 210_000, tax: eur(630), total: eur(3630) },
        { variantId: ids.plate.variantId, quantity: 1, unitPrice: eur(545), taxRatePpm: 90_000, tax: eur(45), total: eur(545) },
      ]);
      // Shipping is priced now: 4.95 taxed at today's 9 % (0.41).
      expect(res.json()).toMatchObject({ shippingTotal: eur(495), grandTotal: eur(3630 + 545 + 495), taxTotal: eur(630 + 45 + 41) });
      expect(res.json().totals.lines.map((l: { lineId: string }) => l.lineId)).toEqual(res.json().lines.map((l: { id: string }) => l.id));
    } finally {
      await setUp(t, shop.storeId, 'PATCH', `/catalog/products/${ids.mug.productId}/variants/${ids.mug.variantId}`, { price: eur(1210) });
      await setUp(t, shop.storeId, 'PATCH', `/catalog/products/${ids.plate.productId}/variants/${ids.plate.variantId}`, { price: eur(500) });
      await setUp(t, shop.storeId, 'PATCH', `/tax-rates/${ids.standardRate}`, { ratePpm: 210_000 });
    }
  });

  it('drops a discount whose minimum is no longer met and gives its use back; it does not come back', async () => {
    const discount = await setUp(t, shop.storeId, 'POST', '/discounts', { name: 'Ten off twenty', code: 'TENOFF20', kind: 'percentage', ratePpm: 100_000, minimumSubtotal: eur(2000), usageLimit: 10, perCustomerLimit: 5 });
    const order = await placeOrder(t, shop, ids.mug.variantId, 2, ids.post, 'TENOFF20');
    expect(order.discountTotal).toEqual(eur(242));
    expect(await usesOf(t, shop.storeId, discount.id)).toEqual({ timesUsed: 1, redemptions: 1, customerUses: 1 });

    const kept = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 3 }] });
    expect(kept.json()).toMatchObject({ discountTotal: eur(363), grandTotal: eur(3630 - 363 + 495) });
    expect(await usesOf(t, shop.storeId, discount.id)).toEqual({ timesUsed: 1, redemptions: 1, customerUses: 1 });

    const dropped = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect(dropped.json()).toMatchObject({ discountTotal: eur(0), grandTotal: eur(1210 + 495) });
    expect(dropped.json().totals.discountsNotApplied).toEqual([{ discountId: discount.id, code: 'TENOFF20', reason: 'minimum_not_met' }]);
    expect(await usesOf(t, shop.storeId, discount.id)).toEqual({ timesUsed: 0, redemptions: 0, customerUses: 0 });

    // No new codes through an edit: meeting the minimum again does not bring it back.
    const again = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    expect(again.json()).toMatchObject({ discountTotal: eur(0), grandTotal: eur(2420 + 495) });
    expect(await usesOf(t, shop.storeId, discount.id)).toEqual({ timesUsed: 0, redemptions: 0, customerUses: 0 });
    const list = (await editsOf(t, shop.storeId, order.id)).json();
    expect(list.data.map((e: { releasedDiscountIds: string[] }) => e.releasedDiscountIds)).toEqual([[], [discount.id], []]);
  });

  it('re-prices shipping by a new method, and refuses a method the order cannot use', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const res = await edit(order.id, { shippingMethodId: ids.express });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ shippingMethod: { id: ids.express, name: 'Express', kind: 'flat_rate' }, shippingTotal: eur(995), grandTotal: eur(1210 + 995) });
    expect(res.json().totals.shipping).toMatchObject({ methodId: ids.express, price: eur(995) });

    const cod = await edit(order.id, { shippingMethodId: ids.cod });
    expect(cod.statusCode).toBe(422);
    expect(cod.json()).toMatchObject({ code: 'ORDER_EDIT_SHIPPING_METHOD_INVALID', errors: [{ path: 'body.shippingMethodId', message: 'must not be a cash-on-delivery method' }] });
    const theirs = await edit(order.id, { shippingMethodId: other.post });
    expect(theirs.statusCode).toBe(422);
    expect(paths(theirs)).toEqual(['body.shippingMethodId']);
  });

  it('changes the address, email and phone without touching a figure, and keeps the edit in the history and the outbox', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const address = { name: 'Sam Other', line1: 'Canal 9', city: 'Leiden', postalCode: '2311 AB', country: 'NL' };
    const res = await edit(order.id, { shippingAddress: address, email: 'Sam@Example.test', phone: null, note: 'customer moved' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customerName: 'Sam Other', email: 'sam@example.test', phone: null, grandTotal: order.grandTotal, shippingAddress: { ...address, line2: null, region: null, phone: null } });
    expect(res.json().history.at(-1)).toMatchObject({ from: null, to: null, actor: expect.stringMatching(/^staff:/), note: expect.stringContaining('customer moved') });
    expect(res.json().history.at(-1).note).toContain('shipping address changed');
    const events = await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => listDomainEvents(tx, shop.storeId, { type: 'order.edited', limit: 100 }));
    expect(events.filter((e) => e.subjectId === order.id).map((e) => e.payload)).toMatchObject([{ orderId: order.id, grandTotalBefore: order.grandTotal, grandTotalAfter: order.grandTotal }]);
    const [only] = (await editsOf(t, shop.storeId, order.id)).json().data;
    expect(only).toMatchObject({ note: 'customer moved', before: { email: 'kim@example.test', shippingAddress: { name: 'Kim Buyer' } }, after: { email: 'sam@example.test', shippingAddress: { name: 'Sam Other' } } });
  });

  it('makes a paid order that now costs more not fully paid, and paid again when it costs what was paid', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => recordCashCollected(tx, systemCtx(t.log, 'test', shop.storeId), shop.storeId, { orderId: order.id, amount: order.grandTotal.amount, currency: 'EUR' }));
    expect((await staff(t, shop.storeId, 'GET', `/orders/${order.id}`)).json().paymentStatus).toBe('paid');
    const more = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    expect(more.json().paymentStatus).toBe('unpaid');
    const back = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
    expect(back.json().paymentStatus).toBe('paid');
  });
});

describe('refused edits write nothing', () => {
  it('refuses an order whose fulfilment started with 409 naming its status', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    for (const status of ['confirmed', 'processing']) expect((await move(t, shop.storeId, order.id, status)).statusCode).toBe(200);
    const processing = await edit(order.id, { email: 'late@example.test' });
    expect(processing.statusCode).toBe(409);
    expect(processing.json()).toMatchObject({ code: 'ORDER_EDIT_STATUS_CONFLICT', errors: [{ path: 'order.status', message: 'is processing' }] });
    expect((await move(t, shop.storeId, order.id, 'shipped')).statusCode).toBe(200);
    const before = await editFootprint(t, shop.storeId, order.id);
    const shipped = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json().detail).toContain('The order is shipped');
    expect(await editFootprint(t, shop.storeId, order.id)).toEqual(before);
  });

  it('refuses an edit whose total is not the expected one with 409, and applies it when it is', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const change = { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] };
    const before = await editFootprint(t, shop.storeId, order.id);
    const refused = await edit(order.id, { ...change, expectedGrandTotal: order.grandTotal });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ORDER_EDIT_TOTAL_CONFLICT', errors: [{ path: 'body.expectedGrandTotal', message: 'the edited order costs 2915 EUR' }] });
    expect(await editFootprint(t, shop.storeId, order.id)).toEqual(before);
    const applied = await edit(order.id, { ...change, expectedGrandTotal: eur(2915) });
    expect(applied.statusCode, applied.body).toBe(200);
  });

  it('refuses more than is free with 409 naming the line, holding nothing', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const free = (await stockOf(t, shop.storeId, ids.plate.variantId)).available;
    const before = await editFootprint(t, shop.storeId, order.id);
    const more = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 + (await stockOf(t, shop.storeId, ids.mug.variantId)).available + 1 }] });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('ORDER_EDIT_STOCK_CONFLICT');
    expect(paths(more)).toEqual(['body.lines.0.quantity']);
    const added = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }], addLines: [{ variantId: ids.plate.variantId, quantity: free + 1 }] });
    expect(added.statusCode).toBe(409);
    expect(added.json().errors).toEqual([{ path: 'body.addLines.0.quantity', message: expect.stringContaining(`only ${free} of`) }]);
    expect(await editFootprint(t, shop.storeId, order.id)).toEqual(before);
  });

  it('refuses prices, discounts and totals sent by the client with 422 naming them', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const before = await editFootprint(t, shop.storeId, order.id);
    const linePrice = await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2, unitPrice: eur(1) }] });
    expect(linePrice.statusCode).toBe(422);
    expect(linePrice.json().errors).toEqual([{ path: 'body.lines.0', message: expect.stringMatching(/^"unitPrice" not accepted: prices, discounts and totals are worked out by the server/) }]);
    const total = await edit(order.id, { email: 'x@example.test', grandTotal: eur(1), shippingTotal: eur(0) });
    expect(total.statusCode).toBe(422);
    expect(total.json().errors[0].message).toContain('"grandTotal", "shippingTotal" not accepted');
    expect((await edit(order.id, { note: 'only a note' })).statusCode).toBe(422);
    expect(await editFootprint(t, shop.storeId, order.id)).toEqual(before);
  });

  it("answers 404 for another store's order and 422 naming another store's variant", async () => {
    const theirs = await placeOrder(t, other.shop, other.mug.variantId, 1, other.post);
    const before = await editFootprint(t, other.shop.storeId, theirs.id);
    expect((await edit(theirs.id, { email: 'mallory@example.test' })).statusCode).toBe(404);
    expect((await editsOf(t, shop.storeId, theirs.id)).statusCode).toBe(404);
    expect(await editFootprint(t, other.shop.storeId, theirs.id)).toEqual(before);

    const mine = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const res = await edit(mine.id, { addLines: [{ variantId: other.plate.variantId, quantity: 1 }, { variantId: ids.plate.variantId, quantity: 1 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'ORDER_EDIT_VARIANT_INVALID', errors: [{ path: 'body.addLines.0.variantId', message: 'is not a variant of this store' }] });
    const unknownLine = await edit(mine.id, { lines: [{ lineId: theirs.lines[0]!.id, quantity: 2 }] });
    expect(unknownLine.statusCode).toBe(422);
    expect(paths(unknownLine)).toEqual(['body.lines.0.lineId']);
  });
});
