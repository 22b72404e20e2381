import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTasks } from '../../src/modules/orders/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { checkout, confirmationMailsOf, orderShop, readyCart, staff, type Shop } from './fixtures.ts';

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
  const confirmationsOf = (number: number) => confirmationMailsOf(t, shop.storeId, number);
  const runConfirmationJob = async (orderId: string) => {
    const [task] = orderTasks({ db: t.database.db, jobQueue: createJobQueue({ maxAttempts: 3 }) });
    const job = { id: '1', attempt: 1, maxAttempts: 3, signal: new AbortController().signal };
    await task!.run(systemCtx(t.log, 'test', shop.storeId), { tenantId: shop.storeId, orderId }, job);
  };

  it('queues the order_confirmation mail with number, lines and totals in the checkout itself, once', async () => {
    const order = (await checkout(t, shop, await readyCart(t, shop, mug.variantId, 2, post))).json();
    const mails = await confirmationsOf(order.number);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: ['kim@example.test'],
      tenantId: shop.storeId,
      variables: { orderNumber: order.number, customerName: 'Kim Buyer', currency: 'EUR', lines: [{ name: 'Mug', quantity: 2, total: 2420 }], grandTotal: order.grandTotal.amount },
    });
    // A confirmation job queued by an earlier version for the same order sends nothing more.
    await runConfirmationJob(order.id);
    expect(await confirmationsOf(order.number)).toHaveLength(1);
  });

  it('still confirms, once, an order whose confirmation job an earlier version queued', async () => {
    const order = (await checkout(t, shop, await readyCart(t, shop, mug.variantId, 1, post))).json();
    // As such an order was left: no confirmation yet.
    await t.database.pool.query(`delete from graphile_worker._private_jobs where payload->>'type' = 'order_confirmation' and (payload->'variables'->>'orderNumber')::int = $1`, [order.number]);
    await t.database.pool.query('update orders set confirmation_queued_at = null where id = $1', [order.id]);
    expect(await confirmationsOf(order.number)).toHaveLength(0);
    await runConfirmationJob(order.id);
    await runConfirmationJob(order.id);
    expect(await confirmationsOf(order.number)).toHaveLength(1);
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
