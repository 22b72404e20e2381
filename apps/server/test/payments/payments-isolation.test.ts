import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotStore } from '../security/cross-tenant-fixtures.ts';
import { admin, paidOrder, paymentsTest, readyCart, startPayment, STRIPE_KEYS, stripeShop, type PaymentsTest, type Shop } from './fixtures.ts';

const B_SECRET = 'whsec_StoreBSigningSecretForWinkel0002';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

let p: PaymentsTest;
let a: Shop;
let b: Shop;
let bOrder: string;
let bPayment: string;
let bCart: { id: string; token: string };
beforeAll(async () => {
  p = await paymentsTest();
  a = (await stripeShop(p.t, 'iso-a')).shop;
  await admin(p.t, a.storeId, 'DELETE', '/payment-providers/stripe');
  const setB = await stripeShop(p.t, 'iso-b', 20, { ...STRIPE_KEYS, webhookSecret: B_SECRET });
  b = setB.shop;
  const paid = await paidOrder(p, b, setB.mug.variantId, 1, setB.post, B_SECRET);
  bOrder = paid.order.id;
  bPayment = paid.session.paymentId;
  bCart = await readyCart(p.t, b, setB.mug.variantId, 1, setB.post);
});
afterAll(() => p.close());

describe("payments: one store never reaches another's", () => {
  it("answers 404 to store B's order on every order payment route, as A's owner, and leaves B's rows as they were", async () => {
    const before = await snapshotStore(p.t, b.storeId);
    const answers = [
      await admin(p.t, a.storeId, 'GET', `/orders/${bOrder}/payments`),
      await admin(p.t, a.storeId, 'POST', `/orders/${bOrder}/payments`, { provider: 'manual', amount: eur(1), reference: 'MALLORY' }),
      await admin(p.t, a.storeId, 'POST', `/orders/${bOrder}/refunds`, { paymentId: bPayment, amount: eur(1) }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('ORDER_NOT_FOUND');
    }
    expect(await snapshotStore(p.t, b.storeId)).toEqual(before);
    // The ids are real: B's owner reaches them.
    expect((await admin(p.t, b.storeId, 'GET', `/orders/${bOrder}/payments`)).json().data).toMatchObject([{ id: bPayment }]);
  });

  it('keeps provider accounts per store: A lists, changes and removes only its own', async () => {
    const before = await snapshotStore(p.t, b.storeId);
    expect((await admin(p.t, a.storeId, 'GET', '/payment-providers')).json()).toEqual({ data: [] });
    expect((await admin(p.t, a.storeId, 'DELETE', '/payment-providers/stripe')).statusCode).toBe(404);
    expect((await admin(p.t, a.storeId, 'PUT', '/payment-providers/stripe', STRIPE_KEYS)).json().webhookUrl).toContain(a.storeId);
    expect(await snapshotStore(p.t, b.storeId)).toEqual(before);
    expect((await admin(p.t, b.storeId, 'GET', '/payment-providers')).json().data).toMatchObject([{ provider: 'stripe', webhookUrl: expect.stringContaining(b.storeId) }]);
  });

  it("answers 404 to starting a payment for B's cart through A's storefront, even with the cart token", async () => {
    const before = await snapshotStore(p.t, b.storeId);
    expect((await startPayment(p.t, a, bCart)).statusCode).toBe(404);
    expect(await snapshotStore(p.t, b.storeId)).toEqual(before);
  });
});
