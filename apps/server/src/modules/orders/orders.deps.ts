import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { JobNudger } from '../../platform/jobs/job-nudger.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { OrderMetrics } from './order-metrics.ts';
import type { OrderMoveListener } from './status-change.service.ts';

export interface OrdersDeps {
  db: Db;
  jobQueue: JobQueue;
  metrics: OrderMetrics;
  /** Asks for the orders.queue-confirmations job of a store after its checkout commits. */
  confirmations: JobNudger;
  /** A converted cart keeps the carts module's lifetime before it is tidied away. */
  cartTtlDays: number;
  /** Told about every move staff make through the status route (the delivery desk's, see docs/deliveries.md). */
  afterStatusMove?: OrderMoveListener;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('orders need a store context');
  return ctx.tenantId;
}

/** The same answer for an unknown order and another store's (or another customer's). */
export const orderNotFound = () => new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');

/** The reference an order's stock reservations and ledger rows carry. */
export const stockReferenceOf = (orderId: string) => `order:${orderId}`;
