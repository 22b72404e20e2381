import { describe, expect, it } from 'vitest';
import { orderTasks } from '../../src/modules/orders/index.ts';
import { CONFIRMATION_WINDOW_DAYS, queueStoreConfirmations } from '../../src/modules/orders/order-confirmation-queue.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { mailsQueued } from '../inventory/fixtures.ts';
import { waitFor } from '../jobs/harness.ts';
import { checkout, confirmationMailsOf, readyCart, staff, useOrderShop } from './fixtures.ts';

const o = useOrderShop('orders-mail', 50);

describe('order confirmation and metrics', () => {
  const confirmationsOf = (number: number) => confirmationMailsOf(o.t, o.shop.storeId, number);
  /** The mails queued so far, without running the store's confirmations job. */
  const mailsQueuedFor = async (number: number) =>
    (await mailsQueued(o.t.database)).filter((m) => m.type === 'order_confirmation' && m.tenantId === o.shop.storeId && (m.variables as { orderNumber: number }).orderNumber === number);
  const confirmationJobsOfStore = async () =>
    (await o.t.database.pool.query(`select j.key from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = 'orders.queue-confirmations' and j.payload->>'tenantId' = $1`, [o.shop.storeId])).rows;
  /** Whether the order's confirmation mail is still to be queued. */
  const isDue = async (orderId: string) => (await o.t.database.pool.query('select 1 from order_confirmations_due where order_id = $1', [orderId])).rowCount === 1;
  const runConfirmationJob = async (orderId: string) => {
    const [task] = orderTasks({ db: o.t.database.db, jobQueue: createJobQueue({ maxAttempts: 3 }) });
    const job = { id: '1', attempt: 1, maxAttempts: 3, signal: new AbortController().signal };
    await task!.run(systemCtx(o.t.log, 'test', o.shop.storeId), { tenantId: o.shop.storeId, orderId }, job);
  };

  it('queues the order_confirmation mail with number, lines and totals through the store\'s confirmations job, once', async () => {
    const order = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 2, o.post))).json();
    // Checkout itself queues no mail: right after its commit it asks for the store's orders.queue-confirmations job.
    expect(await mailsQueuedFor(order.number)).toHaveLength(0);
    const due = await o.t.database.pool.query(`select d.placed_at = o.placed_at as same from order_confirmations_due d join orders o on o.id = d.order_id where d.order_id = $1`, [order.id]);
    expect(due.rows).toEqual([{ same: true }]);
    await waitFor(async () => (await confirmationJobsOfStore()).length === 1, 10_000, "the store's confirmations job");
    const mails = await confirmationsOf(order.number);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: ['kim@example.test'],
      tenantId: o.shop.storeId,
      variables: { orderNumber: order.number, customerName: 'Kim Buyer', currency: 'EUR', lines: [{ name: 'Mug', quantity: 2, total: 2420 }], grandTotal: order.grandTotal.amount },
    });
    // Running the job again, or a confirmation job queued by an earlier version for the same order, sends nothing more.
    await runConfirmationJob(order.id);
    expect(await confirmationsOf(order.number)).toHaveLength(1);
  });

  it('queues the confirmations of many orders in one run, each with its own lines, and never twice when runs overlap', async () => {
    await queueStoreConfirmations(o.t.database.db, createJobQueue({ maxAttempts: 3 }), o.shop.storeId);
    const placed = [];
    for (const quantity of [1, 2, 3]) placed.push((await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, quantity, o.post))).json());
    const queue = createJobQueue({ maxAttempts: 3 });
    const runs = await Promise.all([1, 2, 3].map(() => queueStoreConfirmations(o.t.database.db, queue, o.shop.storeId)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(3);
    for (const [i, order] of placed.entries()) {
      const mails = await mailsQueuedFor(order.number);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ variables: { orderNumber: order.number, lines: [{ quantity: i + 1 }] } });
    }
  });

  it('lets the every-minute sweep catch an order whose job was never asked for, and leaves orders older than the window alone', async () => {
    const late = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json();
    const stale = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json();
    // The due row carries the order's placed_at (migration 0029): both move back in time.
    const placedAgo = async (id: string, ago: string) => {
      await o.t.database.pool.query(`update orders set placed_at = now() - $2::interval where id = $1`, [id, ago]);
      await o.t.database.pool.query(`update order_confirmations_due set placed_at = now() - $2::interval where order_id = $1`, [id, ago]);
    };
    await placedAgo(late.id, '2 minutes');
    await placedAgo(stale.id, `${CONFIRMATION_WINDOW_DAYS + 1} days`);
    const sweep = orderTasks({ db: o.t.database.db, jobQueue: createJobQueue({ maxAttempts: 3 }) }).find((task) => task.name === 'orders.sweep-confirmations')!;
    expect(sweep.schedule).toBe('* * * * *');
    await sweep.run(systemCtx(o.t.log, 'test', null), {}, { id: '2', attempt: 1, maxAttempts: 3, signal: new AbortController().signal });
    expect(await mailsQueuedFor(late.number)).toHaveLength(1);
    // The stale order left the due list without a mail, and nothing later mails it.
    expect(await isDue(stale.id)).toBe(false);
    expect(await confirmationsOf(stale.number)).toHaveLength(0);
    expect(o.t.logs.some((l) => l.msg === 'orders left unconfirmed: placed before the confirmation window')).toBe(true);
  });

  it('marks an order without an email address (a phone-only form) confirmed without mailing it', async () => {
    const order = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json();
    await o.t.database.pool.query(`update orders set email = 'no-email@phone-only.invalid' where id = $1`, [order.id]);
    expect(await isDue(order.id)).toBe(true);
    expect(await confirmationsOf(order.number)).toHaveLength(0);
    expect(await isDue(order.id)).toBe(false);
  });

  it('still confirms, once, an order whose confirmation job an earlier version queued', async () => {
    const order = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json();
    await runConfirmationJob(order.id);
    await runConfirmationJob(order.id);
    expect(await mailsQueuedFor(order.number)).toHaveLength(1);
    expect(await confirmationsOf(order.number)).toHaveLength(1);
  });

  it('counts orders by status and times checkouts and their stock locks', async () => {
    const order = (await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, o.post))).json();
    await staff(o.t, o.shop.storeId, 'POST', `/orders/${order.id}/status`, { status: 'cancelled' });
    const metrics = (await o.t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/orders_total\{status="pending"\} [2-9]/);
    expect(metrics).toMatch(/orders_total\{status="cancelled"\} 1/);
    expect(metrics).toMatch(/order_checkout_duration_seconds_count\{outcome="placed"\} [2-9]/);
    expect(metrics).toMatch(/stock_lock_wait_seconds_count [2-9]/);
  });
});
