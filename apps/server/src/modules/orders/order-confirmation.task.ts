import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { findStoreById } from '../tenancy/index.ts';
import { queueOrderConfirmation } from './order-confirmation-mail.ts';
import { queueConfirmationsOfAllStores, queueStoreConfirmations } from './order-confirmation-queue.ts';
import * as repo from './order.repository.ts';

export const ORDER_CONFIRMATION_TASK = 'orders.send-confirmation';
/** Queues the confirmations of one store's new orders; checkout asks for it after each commit (docs/orders.md#confirmation-mail). */
export const QUEUE_CONFIRMATIONS_TASK = 'orders.queue-confirmations';
/** Checkouts of one store within this long share one orders.queue-confirmations job (after the first, which is queued at once). */
export const CONFIRMATION_NUDGE_WINDOW_MS = 250;
export const SWEEP_CONFIRMATIONS_TASK = 'orders.sweep-confirmations';
/** Every minute: catches orders whose checkout's request for confirmations was lost (a server stopped right after the commit). */
export const SWEEP_CONFIRMATIONS_SCHEDULE = '* * * * *';

export const orderConfirmationPayload = z.object({ tenantId: z.uuid(), orderId: z.uuid() });
const storePayload = z.object({ tenantId: z.uuid() });

/**
 * Queues the order_confirmation mail of one order after its commit. Checkout now asks for
 * orders.queue-confirmations instead; this task stays for jobs queued by earlier versions (still
 * waiting when a server is upgraded). Taking the
 * order off the due list first makes a retried run, or a run for an order checkout already confirmed, send nothing.
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

/** Queues the confirmation mails of a store's orders that have none yet, in batches; safe to run at any time or twice. */
export function queueConfirmationsTask({ db, jobQueue }: { db: Db; jobQueue: JobQueue }): TaskDefinition<z.input<typeof storePayload>> {
  return defineTask(QUEUE_CONFIRMATIONS_TASK, storePayload, async (ctx, { tenantId }) => {
    const queued = await queueStoreConfirmations(db, jobQueue, tenantId);
    if (queued > 0) ctx.log.debug({ queued }, 'order confirmations queued');
  });
}

/** Every job task of the orders module. */
export function orderTasks(deps: { db: Db; jobQueue: JobQueue }): TaskDefinition[] {
  // Scheduled runs carry graphile's `_cron` details, which the sweep does not need.
  const sweep = defineTask(SWEEP_CONFIRMATIONS_TASK, z.looseObject({}), async (ctx) => {
    const caught = await queueConfirmationsOfAllStores(deps.db, deps.jobQueue);
    if (caught.orders > 0) ctx.log.warn(caught, 'order confirmations queued by the sweep: their checkouts did not ask for them');
    if (caught.lapsed > 0) ctx.log.warn({ lapsed: caught.lapsed }, 'orders left unconfirmed: placed before the confirmation window');
  });
  return [orderConfirmationTask(deps) as TaskDefinition, queueConfirmationsTask(deps) as TaskDefinition, { ...sweep, schedule: SWEEP_CONFIRMATIONS_SCHEDULE }];
}
