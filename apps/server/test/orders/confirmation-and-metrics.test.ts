import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTasks } from '../../src/modules/orders/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { jobsOf } from '../inventory/fixtures.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { checkout, orderShop, readyCart, staff, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let post: string;
let mug: { productId: string; variantId: string };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ shop, post, mug } = await orderShop(t, 'orders-mail', 10));
});
afterAll(() => t.close());

describe('order confirmation and metrics', () => {
  it('queues the order_confirmation mail with number, lines and totals once, however often the job runs', async () => {
    const order = (await checkout(t, shop, await readyCart(t, shop, mug.variantId, 2, post))).json();
    const [task] = orderTasks({ db: t.database.db, jobQueue: createJobQueue({ maxAttempts: 3 }) });
    const payload = { tenantId: shop.storeId, orderId: order.id };
    const job = { id: '1', attempt: 1, maxAttempts: 3, signal: new AbortController().signal };
    await task!.run(systemCtx(t.log, 'test', shop.storeId), payload, job);
    await task!.run(systemCtx(t.log, 'test', shop.storeId), payload, job);
    const mails = (await jobsOf(t.database, 'mail.send')).filter((m) => m.type === 'order_confirmation');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: ['kim@example.test'],
      variables: { orderNumber: order.number, customerName: 'Kim Buyer', currency: 'EUR', lines: [{ name: 'Mug', quantity: 2, total: 2420 }], grandTotal: order.grandTotal.amount },
    });
  });

  it('counts orders by status and times checkouts and their stock locks', async () => {
    const order = (await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post))).json();
    await staff(t, shop.storeId, 'POST', `/orders/${order.id}/status`, { status: 'cancelled' });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/orders_total\{status="pending"\} [2-9]/);
    expect(metrics).toMatch(/orders_total\{status="cancelled"\} 1/);
    expect(metrics).toMatch(/order_checkout_duration_seconds_count\{outcome="placed"\} [2-9]/);
    expect(metrics).toMatch(/stock_lock_wait_seconds_count [2-9]/);
  });
});
