import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { queueMail } from '../mail/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import * as repo from './order.repository.ts';

export const ORDER_CONFIRMATION_TASK = 'orders.send-confirmation';

export const orderConfirmationPayload = z.object({ tenantId: z.uuid(), orderId: z.uuid() });

/**
 * Queued by checkout in its transaction; runs after the commit, when the order has its number, and
 * queues the order_confirmation mail. Marking the order first makes a retried run send nothing more.
 */
export function orderConfirmationTask({ db, jobQueue }: { db: Db; jobQueue: JobQueue }): TaskDefinition<z.input<typeof orderConfirmationPayload>> {
  return defineTask(ORDER_CONFIRMATION_TASK, orderConfirmationPayload, async (ctx, { tenantId, orderId }) => {
    await inTransaction(db, { tenantId }, async (tx) => {
      const order = await repo.claimConfirmation(tx, tenantId, orderId);
      if (!order || order.number === null) return;
      const lines = await repo.linesOfOrder(tx, tenantId, orderId);
      const store = await findStoreById(tx, tenantId);
      await queueMail(tx, jobQueue, {
        type: 'order_confirmation',
        to: order.email,
        locale: store?.locale ?? 'en',
        tenantId,
        variables: {
          storeName: store?.name ?? 'Winkel',
          customerName: order.customerName,
          orderNumber: order.number,
          currency: order.currency,
          paymentMethod: order.paymentMethod,
          lines: lines.map((l) => ({ name: l.name, sku: l.sku, quantity: l.quantity, total: l.totalAmount })),
          subtotal: order.subtotalAmount,
          discount: order.discountAmount,
          shipping: order.shippingAmount,
          tax: order.taxAmount,
          grandTotal: order.grandTotalAmount,
        },
      });
      ctx.log.info({ orderId, number: order.number }, 'order confirmation queued');
    });
  });
}

/** Every job task of the orders module. */
export function orderTasks(deps: { db: Db; jobQueue: JobQueue }): TaskDefinition[] {
  return [orderConfirmationTask(deps) as TaskDefinition];
}
