import type { Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { JobNudger } from '../../platform/jobs/job-nudger.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Money } from '../pricing/index.ts';
import type { OrderMetrics } from './order-metrics.ts';
import type { OrderMoveListener } from './status-change.service.ts';

/**
 * What orders need from the payments module. Payments builds on orders (a payment belongs to an
 * order), so orders never import it: the composition root hands this in.
 */
export interface OrderPayments {
  /** The cart's live online payment, locked, when it is for this provider and exactly this total; otherwise 422 CHECKOUT_PAYMENT_MISMATCH. Returns its id. */
  lockForCheckout(tx: Tx, tenantId: string, input: { cartId: string; provider: 'stripe' | 'mollie'; grandTotal: Money }): Promise<string>;
  /** Ties that payment to the order placed in the same transaction; returns the order's payment state. */
  attachToOrder(tx: Tx, tenantId: string, paymentId: string, orderId: string): Promise<string>;
  /** Moves a pending order that is paid in full to confirmed; false when it is past pending. */
  confirmPaid(tx: Tx, ctx: Ctx, tenantId: string, orderId: string): Promise<boolean>;
  /** Re-derives and stores the order's payment state after its total changed; returns it. */
  refreshStatus(tx: Tx, tenantId: string, orderId: string): Promise<string>;
}

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
  payments: OrderPayments;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('orders need a store context');
  return ctx.tenantId;
}

/** The same answer for an unknown order and another store's (or another customer's). */
export const orderNotFound = () => new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');

/** The reference an order's stock reservations and ledger rows carry. */
export const stockReferenceOf = (orderId: string) => `order:${orderId}`;
