import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { editOrder, editShop, editsOf, move, placeOrder, reservationsOf, reservedDrift } from './order-edit-fixtures.ts';
import { eur, ledgerDifferences, ledgerOf, stockOf, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let ids: Awaited<ReturnType<typeof editShop>>;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ids = await editShop(t, 'orders-edit-race', 100);
  shop = ids.shop;
});
afterAll(() => t.close());

const edit = (orderId: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) => editOrder(t, shop.storeId, orderId, payload, headers);

interface EditBody {
  grandTotalBefore: { amount: number };
  grandTotalAfter: { amount: number };
  before: { lines: Array<{ quantity: number }> };
  after: { lines: Array<{ quantity: number }> };
}

describe('edits under concurrency', () => {
  it('serialises parallel edits of one order: each starts from what the one before left, and the stock holds the last', async () => {
    const before = await stockOf(t, shop.storeId, ids.mug.variantId);
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const quantities = [2, 3, 4, 5, 6, 7, 8, 9];
    const answers = await Promise.all(quantities.map((quantity) => edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity }] })));
    expect(answers.map((a) => a.statusCode)).toEqual(quantities.map(() => 200));

    const edits = (await editsOf(t, shop.storeId, order.id, '?limit=100')).json().data as EditBody[];
    expect(edits).toHaveLength(quantities.length);
    expect(edits[0]!.before.lines[0]!.quantity).toBe(1);
    for (let i = 1; i < edits.length; i++) {
      expect(edits[i]!.before.lines[0]!.quantity).toBe(edits[i - 1]!.after.lines[0]!.quantity);
      expect(edits[i]!.grandTotalBefore).toEqual(edits[i - 1]!.grandTotalAfter);
    }
    const last = edits.at(-1)!.after.lines[0]!.quantity;
    expect(edits.map((e) => e.after.lines[0]!.quantity).sort()).toEqual([...quantities].sort());
    expect((await stockOf(t, shop.storeId, ids.mug.variantId)).reserved).toBe(before.reserved + last);
    expect((await reservationsOf(t, shop.storeId, order.id)).filter((r) => r.status === 'active')).toEqual([{ variantId: ids.mug.variantId, quantity: last, status: 'active' }]);
    expect(await reservedDrift(t, shop.storeId)).toEqual([]);
  });

  it('adds a variant once when two edits add it at the same time', async () => {
    const before = await stockOf(t, shop.storeId, ids.plate.variantId);
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const answers = await Promise.all([1, 2].map((quantity) => edit(order.id, { addLines: [{ variantId: ids.plate.variantId, quantity }] })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422]);
    const won = answers.find((a) => a.statusCode === 200)!.json();
    const plates = won.lines.filter((l: { variantId: string }) => l.variantId === ids.plate.variantId);
    expect(plates).toHaveLength(1);
    expect((await stockOf(t, shop.storeId, ids.plate.variantId)).reserved).toBe(before.reserved + plates[0].quantity);
  });

  it('refuses an edit that a move into fulfilment overtook, and ships exactly what the order holds either way', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
      expect((await move(t, shop.storeId, order.id, 'confirmed')).statusCode).toBe(200);
      const [edited, moved] = await Promise.all([edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 3 }] }), move(t, shop.storeId, order.id, 'processing')]);
      expect(moved.statusCode).toBe(200);
      expect([200, 409]).toContain(edited.statusCode);
      if (edited.statusCode === 409) expect(edited.json()).toMatchObject({ code: 'ORDER_EDIT_STATUS_CONFLICT', errors: [{ message: 'is processing' }] });
      expect((await move(t, shop.storeId, order.id, 'shipped')).statusCode).toBe(200);
      const sold = (await ledgerOf(t, shop.storeId, ids.mug.variantId)).filter((m) => m.reference === `order:${order.id}`).map((m) => m.quantity);
      expect(sold).toEqual([edited.statusCode === 200 ? -3 : -1]);
    }
    expect(await reservedDrift(t, shop.storeId)).toEqual([]);
    expect(await ledgerDifferences(t, shop.storeId)).toEqual([]);
  });

  it('refuses an edit that a cancellation overtook, and leaves nothing held either way', async () => {
    const before = await stockOf(t, shop.storeId, ids.mug.variantId);
    for (let round = 0; round < 5; round++) {
      const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
      const [edited, cancelled] = await Promise.all([edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 4 }] }), move(t, shop.storeId, order.id, 'cancelled')]);
      expect(cancelled.statusCode).toBe(200);
      expect([200, 409]).toContain(edited.statusCode);
      expect((await reservationsOf(t, shop.storeId, order.id)).filter((r) => r.status === 'active')).toEqual([]);
    }
    expect(await stockOf(t, shop.storeId, ids.mug.variantId)).toEqual(before);
    expect(await reservedDrift(t, shop.storeId)).toEqual([]);
  });

  it('replays an edit sent again with the same Idempotency-Key, changing the order once', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    const before = await stockOf(t, shop.storeId, ids.mug.variantId);
    const key = { 'idempotency-key': `edit-${order.id}` };
    const body = { lines: [{ lineId: order.lines[0]!.id, quantity: 4 }], note: 'phoned in' };
    const first = await edit(order.id, body, key);
    const again = await edit(order.id, body, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await stockOf(t, shop.storeId, ids.mug.variantId)).reserved).toBe(before.reserved + 3);
    expect((await editsOf(t, shop.storeId, order.id)).json().data).toHaveLength(1);
    const reused = await edit(order.id, { ...body, note: 'another edit' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lists an order’s edits oldest first, a page at a time', async () => {
    const order = await placeOrder(t, shop, ids.mug.variantId, 1, ids.post);
    for (const quantity of [2, 3, 4]) expect((await edit(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity }], note: `to ${quantity}` })).statusCode).toBe(200);
    const first = (await editsOf(t, shop.storeId, order.id, '?limit=2')).json();
    expect(first.data.map((e: { note: string }) => e.note)).toEqual(['to 2', 'to 3']);
    expect(first.data[0]).toMatchObject({ actor: expect.stringMatching(/^staff:/), grandTotalBefore: eur(1210 + 495), grandTotalAfter: eur(2420 + 495) });
    expect(first.nextCursor).toBe(first.data[1].id);
    const rest = (await editsOf(t, shop.storeId, order.id, `?limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest).toMatchObject({ data: [{ note: 'to 4', after: { lines: [{ quantity: 4 }] } }], nextCursor: null });
  });
});
