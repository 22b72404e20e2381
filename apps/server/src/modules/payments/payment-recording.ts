import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { storeOrderPaymentStatus } from '../orders/index.ts';
import { orderPaymentStatusOf } from './order-payment-status.ts';
import * as repo from './payment.repository.ts';

/** Re-derives and stores the order's payment state from its payment records; call after any payment change, in the same transaction. */
export async function refreshOrderPaymentStatus(tx: Tx, tenantId: string, orderId: string): Promise<string> {
  const order = await repo.lockOrderTotal(tx, tenantId, orderId);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');
  const status = orderPaymentStatusOf(order.grandTotal, await repo.paymentsOfOrder(tx, tenantId, orderId));
  await storeOrderPaymentStatus(tx, tenantId, orderId, status);
  return status;
}

/**
 * Cash a delivery agent collected at the door: a succeeded cash-on-delivery payment of that amount,
 * in the caller's transaction, with its `payment.succeeded` event. Returns the payment id.
 */
export async function recordCashCollected(tx: Tx, ctx: Ctx, tenantId: string, input: { orderId: string; amount: number; currency: string; reference?: string }): Promise<string> {
  const order = await repo.lockOrderTotal(tx, tenantId, input.orderId);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');
  if (order.currency !== input.currency) throw new DomainError('PAYMENT_CURRENCY_MISMATCH', `The order is in ${order.currency}, not ${input.currency}.`, [{ path: 'currency', message: `must be ${order.currency}` }]);
  const id = uuidv7();
  await repo.insertPayment(tx, {
    tenantId, id, orderId: input.orderId, cartId: null, provider: 'cash_on_delivery', status: 'succeeded', amount: input.amount, currency: input.currency,
    capturedAmount: input.amount, refundedAmount: 0, providerReference: input.reference ?? null, failureCode: null, failureMessage: null, createdBy: actorLabel(ctx.actor),
  });
  await recordEvent(tx, ctx, tenantId, {
    type: 'payment.succeeded',
    subject: { type: 'payment', id },
    payload: { paymentId: id, orderId: input.orderId, provider: 'cash_on_delivery', amount: { amount: input.amount, currency: input.currency } },
  });
  await refreshOrderPaymentStatus(tx, tenantId, input.orderId);
  return id;
}
