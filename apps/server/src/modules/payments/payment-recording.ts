import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { moveOrderStatus, storeOrderPaymentStatus } from '../orders/index.ts';
import { orderPaymentStatusOf } from './order-payment-status.ts';
import { countPayment } from './payment-metrics.ts';
import * as repo from './payment.repository.ts';
import type { RefundRow } from './refund.repository.ts';

/** Re-derives and stores the order's payment state from its payment records; call after any payment change, in the same transaction. */
export async function refreshOrderPaymentStatus(tx: Tx, tenantId: string, orderId: string): Promise<string> {
  const order = await repo.lockOrderTotal(tx, tenantId, orderId);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');
  const status = orderPaymentStatusOf(order.grandTotal, await repo.paymentsOfOrder(tx, tenantId, orderId));
  await storeOrderPaymentStatus(tx, tenantId, orderId, status);
  return status;
}

/**
 * After a payment change of an order: re-derives its payment state and, when that makes a pending
 * order paid in full, confirms the order (docs/payments.md#orders). Returns whether it was
 * confirmed, so the caller can count the move after the commit.
 */
export async function settleOrderPayment(tx: Tx, ctx: Ctx, tenantId: string, orderId: string): Promise<boolean> {
  const status = await refreshOrderPaymentStatus(tx, tenantId, orderId);
  return status === 'paid' ? confirmPaidOrder(tx, ctx, tenantId, orderId) : false;
}

/** Moves an order that is paid in full from pending to confirmed, through the order status table; false when it is past pending. */
export async function confirmPaidOrder(tx: Tx, ctx: Ctx, tenantId: string, orderId: string): Promise<boolean> {
  const order = await repo.lockOrderTotal(tx, tenantId, orderId);
  if (order?.status !== 'pending') return false;
  await moveOrderStatus(tx, ctx, tenantId, orderId, 'confirmed', 'Paid in full');
  return true;
}

/** Announces a payment's new status: counted, and `payment.succeeded` / `payment.failed` written with it. */
export async function announcePayment(tx: Tx, ctx: Ctx, tenantId: string, payment: repo.PaymentRow): Promise<void> {
  countPayment(payment.provider, payment.status);
  const base = { paymentId: payment.id, orderId: payment.orderId, cartId: payment.cartId, provider: payment.provider, amount: { amount: payment.amount, currency: payment.currency } };
  const subject = { type: 'payment', id: payment.id };
  if (payment.status === 'succeeded') {
    await recordEvent(tx, ctx, tenantId, { type: 'payment.succeeded', subject, payload: { ...base, captured: { amount: payment.capturedAmount, currency: payment.currency } } });
  } else if (payment.status === 'failed') {
    await recordEvent(tx, ctx, tenantId, { type: 'payment.failed', subject, payload: { ...base, failureCode: payment.failureCode, failureMessage: payment.failureMessage } });
  }
}

/** Announces money given back: counted as `refunded`, and `payment.refunded` written with it. */
export async function announceRefund(tx: Tx, ctx: Ctx, tenantId: string, payment: repo.PaymentRow, refund: RefundRow): Promise<void> {
  countPayment(payment.provider, 'refunded');
  await recordEvent(tx, ctx, tenantId, {
    type: 'payment.refunded',
    subject: { type: 'payment', id: payment.id },
    payload: { paymentId: payment.id, refundId: refund.id, orderId: refund.orderId, provider: payment.provider, amount: { amount: refund.amount, currency: refund.currency }, reason: refund.reason },
  });
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
  countPayment('cash_on_delivery', 'succeeded');
  return id;
}
