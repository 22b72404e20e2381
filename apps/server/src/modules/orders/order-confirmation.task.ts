import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { findStoreById } from '../tenancy/index.ts';
import { queueOrderConfirmation } from './order-confirmation-mail.ts';
import * as repo from './order.repository.ts';

export const ORDER_CONFIRMATION_TASK = 'orders.send-confirmation';

export const orderConfirmationPayload = z.object({ tenantId: z.uuid(), orderId: z.uuid() });

/**
 * Queues the order_confirmation mail of an order after its commit. Checkout now queues the mail in
 * its own transaction and marks the order; this task stays for jobs queued by earlier versions
 * (still waiting when a server is upgraded) and for any other path that queues it. Marking the
 * order first makes a retried run, or a run for an order checkout already confirmed, send nothing.
 */
export function orderConfirmationTask({ db, jobQueue }: { db: Db; jobQueue: JobQueue }): TaskDefinition<z.input<typeof orderConfirmationPayload>> {
  return defineTask(ORDER_CONFIRMATION_TASK, orderConfirmationPayload, async (ctx, { tenantId, orderId }) => {
    await inTransaction(db, { tenantId }, async (tx) => {
      const order = await repo.claimConfirmation(tx, tenantId, orderId);
      if (!order || order.number === null) return;
      const lines = await repo.linesOfOrder(tx, tenantId, orderId);
      const store = await findStoreById(tx, tenantId);
      await queueOrderConfirmation(tx, jobQueue, { ...order, number: order.number }, lines, { name: store?.name, locale: store?.locale });
      ctx.log.info({ orderId, number: order.number }, 'order confirmation queued');
    });
  });
}

/** Every job task of the orders module. */
export function orderTasks(deps: { db: Db; jobQueue: JobQueue }): TaskDefinition[] {
  return [orderConfirmationTask(deps) as TaskDefinition];
}
