import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { queueMails, type MailRequest, type MailType } from '../mail/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import { confirmationMailOf } from './order-confirmation-mail.ts';
import * as repo from './order.repository.ts';
import type { OrderLineRow } from './order.repository.ts';

/** Orders confirmed per transaction (one read of their lines, one statement queueing their mails). */
const BATCH = 100;
/** An order still unconfirmed after this many days is left so: a confirmation that late would confuse more than help. */
export const CONFIRMATION_WINDOW_DAYS = 3;
/** The sweep leaves orders younger than this to the job checkout asked for. */
const SWEEP_AFTER_SECONDS = 30;
/** Stores the sweep takes per run; the next run takes the rest. */
const SWEEP_STORES = 1000;

/**
 * Queues the order_confirmation mail of every order of the store that has none yet, in batches
 * (docs/orders.md#confirmation-mail). Each order leaves the due list in the transaction that
 * queues its mail, so it is queued exactly once however many runs overlap. Returns how many orders it took.
 */
export async function queueStoreConfirmations(db: Db, jobQueue: JobQueue, tenantId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await inTransaction(db, { tenantId }, async (tx) => {
      const claimed = await repo.claimPendingConfirmations(tx, tenantId, BATCH, CONFIRMATION_WINDOW_DAYS);
      if (claimed.length === 0) return 0;
      const lines = await repo.linesOfOrders(tx, tenantId, claimed.map((o) => o.id));
      const store = await findStoreById(tx, tenantId);
      const linesByOrder = new Map<string, OrderLineRow[]>();
      for (const line of lines) linesByOrder.set(line.orderId, [...(linesByOrder.get(line.orderId) ?? []), line]);
      const mails: MailRequest<MailType>[] = [];
      for (const order of claimed) {
        const mail = confirmationMailOf({ ...order, number: order.number! }, linesByOrder.get(order.id) ?? [], { name: store?.name, locale: store?.locale });
        if (mail) mails.push(mail);
      }
      await queueMails(tx, jobQueue, mails);
      return claimed.length;
    });
    total += taken;
    if (taken < BATCH) return total;
  }
}

/**
 * Catches up with every store whose confirmations nobody queued (a server stopped right after a
 * checkout committed), and takes orders older than the window off the due list.
 */
export async function queueConfirmationsOfAllStores(db: Db, jobQueue: JobQueue): Promise<{ stores: number; orders: number; lapsed: number }> {
  const { stores, lapsed } = await inTransaction(db, { tenantId: null, platform: true }, async (tx) => ({
    lapsed: await repo.dropLapsedConfirmations(tx, CONFIRMATION_WINDOW_DAYS),
    stores: await repo.storesWithPendingConfirmations(tx, SWEEP_AFTER_SECONDS, CONFIRMATION_WINDOW_DAYS, SWEEP_STORES),
  }));
  let orders = 0;
  for (const tenantId of stores) orders += await queueStoreConfirmations(db, jobQueue, tenantId);
  return { stores: stores.length, orders, lapsed };
}
